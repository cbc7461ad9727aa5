/**
 * The text `rig plan` and `rig run --dry-run` print: the stage tree, matrix
 * cells (and what `exclude` removed), what `when` skips and why, where each
 * stage runs, how options are treated, and the post conditions present.
 */
import { POST_CONDITIONS } from '../model/pipeline.ts';
import type { PostBlock } from '../model/pipeline.ts';
import { describeAgent, describeRequirement } from './agents.ts';
import { cellName, expandMatrix } from './matrix.ts';
import { requirementOf } from './agents.ts';
import type { Plan, PlannedStage } from './types.ts';

export function describePlan(plan: Plan): string {
  const lines: string[] = [];
  const p = plan.pipeline;
  lines.push(`Pipeline ${p.source.file}`);
  lines.push(
    `  runs on: ${describeAgent(p.agent)} (${describeRequirement(requirementOf(p.agent))})`,
  );
  lines.push('Stages:');
  for (const stage of plan.stages) describeStage(stage, 1, lines);
  if (plan.units.length > 0) {
    lines.push('Placement units (each gets its own machine):');
    for (const unit of plan.units) lines.push(`  ${unit}`);
  }
  const post = postSummary(p.post);
  if (post) lines.push(`Post: ${post}`);
  if (plan.options.length > 0) {
    lines.push('Options:');
    for (const o of plan.options) {
      const status = o.status === 'honoured' ? 'honoured' : 'not applicable';
      lines.push(`  ${o.scope}: ${o.name} — ${status}: ${o.detail}`);
    }
  }
  return lines.join('\n') + '\n';
}

function describeStage(stage: PlannedStage, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  lines.push(`${pad}${stage.name}${tags(stage)}`);
  const detail = `${pad}    `;
  if (stage.when.decision === 'skip') lines.push(`${detail}${stage.when.reason}`);
  if (stage.when.decision === 'runtime') {
    for (const why of stage.when.pending) lines.push(`${detail}when decided at run time: ${why}`);
  }
  if (stage.when.decision === 'run' && stage.when.reasons.length > 0) {
    lines.push(`${detail}when holds: ${stage.when.reasons.join('; ')}`);
  }
  if (stage.placement) {
    const unit = stage.placement.unit ? ', placement unit' : ', own job';
    lines.push(
      `${detail}runs on: ${describeAgent(stage.placement.agent)} (${describeRequirement(stage.placement.requirement)}${unit})`,
    );
  }
  if (stage.kind === 'matrix' && stage.stage.body.kind === 'matrix') {
    const excluded = expandMatrix(stage.stage.body.matrix).excluded;
    for (const cell of excluded) lines.push(`${detail}excluded cell: ${cellName(cell)}`);
  }
  const post = postSummary(stage.stage.post);
  if (post && stage.kind !== 'cell') lines.push(`${detail}post: ${post}`);
  if (stage.when.decision === 'skip') return;
  for (const child of stage.children) describeStage(child, depth + 1, lines);
}

function tags(stage: PlannedStage): string {
  const out: string[] = [];
  if (stage.kind === 'parallel') out.push('parallel');
  if (stage.kind === 'matrix') out.push(`matrix, ${stage.children.length} cell(s)`);
  if ((stage.kind === 'parallel' || stage.kind === 'matrix') && stage.failFast)
    out.push('failFast');
  if (stage.when.decision === 'skip') out.push('skipped');
  if (stage.stage.input) out.push('input');
  return out.length > 0 ? `  [${out.join(', ')}]` : '';
}

function postSummary(post: PostBlock[]): string {
  const present = new Set(post.map((b) => b.condition));
  return POST_CONDITIONS.filter((c) => present.has(c)).join(', ');
}
