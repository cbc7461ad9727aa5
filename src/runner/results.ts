/** Jenkins' result order: SUCCESS < UNSTABLE < FAILURE < NOT_BUILT < ABORTED; combining keeps the worse. */
import type { BuildResult } from '../pipeline/model/pipeline.ts';

const ORDER: Record<BuildResult, number> = {
  SUCCESS: 0,
  UNSTABLE: 1,
  FAILURE: 2,
  NOT_BUILT: 3,
  ABORTED: 4,
};

export function isWorse(a: BuildResult, b: BuildResult): boolean {
  return ORDER[a] > ORDER[b];
}

export function worst(...results: Array<BuildResult | null | undefined>): BuildResult {
  let out: BuildResult = 'SUCCESS';
  for (const r of results) if (r && isWorse(r, out)) out = r;
  return out;
}

export function parseResult(text: string): BuildResult | undefined {
  const upper = text.trim().toUpperCase();
  return upper in ORDER ? (upper as BuildResult) : undefined;
}
