/**
 * Terminal output: log lines scroll above a live stage tree with elapsed
 * times that redraws ten times a second. `close()` leaves the final tree.
 */
import { createLogUpdate } from 'log-update';
import type { BuildEvent } from '../../runner/events.ts';
import { createPlainRenderer } from './plain-renderer.ts';
import { StageTree } from './stage-tree.ts';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface TtyRenderer {
  onEvent(event: BuildEvent): void;
  close(): void;
}

export function createTtyRenderer(stream: NodeJS.WriteStream): TtyRenderer {
  const live = createLogUpdate(stream);
  const tree = new StageTree();
  let frame = 0;
  const draw = (): void => {
    live(tree.lines(Date.now(), SPINNER[frame++ % SPINNER.length] ?? '*').join('\n'));
  };
  const plain = createPlainRenderer((text) => {
    live.clear();
    stream.write(text);
    draw();
  });
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    onEvent(event) {
      tree.apply(event);
      plain(event);
    },
    close() {
      clearInterval(timer);
      draw();
      live.done();
    },
  };
}
