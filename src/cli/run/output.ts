/**
 * Where a local build's events go: a live stage tree on a terminal, prefixed
 * lines otherwise (pipes, files, `CI=true`), and the summary table at the end.
 */
import type { BuildEvent, BuildReport } from '../../runner/index.ts';
import { createPlainRenderer } from './plain-renderer.ts';
import { formatSummary } from './summary.ts';

export interface RunOutput {
  onEvent(event: BuildEvent): void;
  finish(report: BuildReport): void;
}

/** The live renderer (and log-update) loads only when there is a terminal to draw on. */
export async function createRunOutput(stream: NodeJS.WriteStream): Promise<RunOutput> {
  const live = stream.isTTY === true && !process.env.CI;
  if (live) {
    const { createTtyRenderer } = await import('./tty-renderer.ts');
    const tty = createTtyRenderer(stream);
    return {
      onEvent: (e) => tty.onEvent(e),
      finish: (report) => {
        tty.close();
        stream.write(`\n${formatSummary(report)}`);
      },
    };
  }
  const plain = createPlainRenderer((text) => stream.write(text));
  return { onEvent: plain, finish: (report) => stream.write(`\n${formatSummary(report)}`) };
}
