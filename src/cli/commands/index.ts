// Every subcommand registers itself here (one line each).
import type { Command } from '@commander-js/extra-typings';

export function registerCommands(program: Command): void {
  void program;
}
