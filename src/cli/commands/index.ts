// Every subcommand registers itself here (one line each).
import type { Command } from '@commander-js/extra-typings';
import { registerAgent } from './agent.ts';
import { registerAgents } from './agents.ts';
import { registerBuilds } from './builds.ts';
import { registerCancel } from './cancel.ts';
import { registerLogs } from './logs.ts';
import { registerProjects } from './projects.ts';
import { registerRun } from './run.ts';
import { registerServe } from './serve.ts';
import { registerSubmit } from './submit.ts';
import { registerValidate } from './validate.ts';

export function registerCommands(program: Command): void {
  registerRun(program);
  registerValidate(program);
  registerServe(program);
  registerAgent(program);
  registerSubmit(program);
  registerBuilds(program);
  registerLogs(program);
  registerCancel(program);
  registerAgents(program);
  registerProjects(program);
}
