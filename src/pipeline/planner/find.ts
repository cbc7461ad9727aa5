/** Resolves `--stage NAME` (a path like `Test/linux`, or a stage name that is unique). */
import { collectStages } from './plan.ts';
import type { Plan, PlannedStage } from './types.ts';

export type FindResult = { stage: PlannedStage; ancestors: PlannedStage[] } | { error: string };

export function findStage(plan: Plan, nameOrPath: string): FindResult {
  const all = collectStages(plan.stages);
  const byPath = all.find((s) => s.path === nameOrPath);
  const matches = byPath ? [byPath] : all.filter((s) => s.name === nameOrPath);
  if (matches.length === 0) {
    const names = all.map((s) => s.path).join(', ');
    return { error: `no stage named '${nameOrPath}' (stages: ${names || 'none'})` };
  }
  if (matches.length > 1) {
    return {
      error: `stage name '${nameOrPath}' is ambiguous; use its path: ${matches.map((s) => s.path).join(', ')}`,
    };
  }
  const stage = matches[0] as PlannedStage;
  return { stage, ancestors: ancestorsOf(plan.stages, stage.path) };
}

function ancestorsOf(stages: PlannedStage[], path: string): PlannedStage[] {
  for (const s of stages) {
    if (s.path === path) return [];
    if (path.startsWith(`${s.path}/`)) return [s, ...ancestorsOf(s.children, path)];
  }
  return [];
}
