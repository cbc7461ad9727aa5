/**
 * Ctrl-C and SIGTERM cancel the build the way the controller's cancel does:
 * steps are stopped, post blocks still run (with their own budget), and rig
 * exits 130. A second Ctrl-C only reminds the user that cleanup is running,
 * because killing the runner is exactly what leaves machines dirty.
 */
export interface Interrupts {
  signal: AbortSignal;
  interrupted(): boolean;
  dispose(): void;
}

export function trapInterrupts(write: (text: string) => void): Interrupts {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) {
      write(`\nrig: ${name}: stopping the build; post blocks and teardown still run\n`);
      controller.abort(new Error(`interrupted by ${name}`));
    } else {
      write(`\nrig: still cleaning up (post blocks and teardown); please wait\n`);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    interrupted: () => count > 0,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
