/**
 * Every subcommand, loaded on demand: `rig run` must not pay for loading the
 * controller (hono, SQLite, …) and the other way round. Keys are the command
 * names a module registers; add one line per module.
 */
import type { Command } from '@commander-js/extra-typings';

type Register = (program: Command) => void;

const MODULES: Record<string, () => Promise<Register>> = {
  run: () => import('./run.ts').then((m) => m.registerRun),
  validate: () => import('./validate.ts').then((m) => m.registerValidate),
  serve: () => import('./serve.ts').then((m) => m.registerServe),
  agent: () => import('./agent.ts').then((m) => m.registerAgent),
  submit: () => import('./submit.ts').then((m) => m.registerSubmit),
  builds: () => import('./builds.ts').then((m) => m.registerBuilds),
  logs: () => import('./logs.ts').then((m) => m.registerLogs),
  cancel: () => import('./cancel.ts').then((m) => m.registerCancel),
  agents: () => import('./agents.ts').then((m) => m.registerAgents),
  projects: () => import('./projects.ts').then((m) => m.registerProjects),
  ledger: () => import('./ledger.ts').then((m) => m.registerLedger),
  token: () => import('./tokens.ts').then((m) => m.registerToken),
};

/** Commands registered by another command's module. */
const ALIASES: Record<string, string> = { plan: 'run' };

/** Registers the named command only, or every command (for help and unknown names). */
export async function registerCommands(program: Command, name: string | undefined): Promise<void> {
  const key = name === undefined ? undefined : (ALIASES[name] ?? name);
  const load = key === undefined ? undefined : MODULES[key];
  const loaders = load ? [load] : Object.values(MODULES);
  for (const register of await Promise.all(loaders.map((l) => l()))) register(program);
}
