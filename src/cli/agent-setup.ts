/**
 * An agent as `rig agent` and the local agent of `rig serve` run it: the real
 * runner, watched by the quarantine (src/agent/quarantine.ts), whose reason
 * the agent reports and whose clearing the controller relays.
 */
import { join } from 'node:path';
import { RigAgent } from '../agent/agent.ts';
import type { AgentOptions } from '../agent/agent.ts';
import { Quarantine } from '../agent/quarantine.ts';
import { agentJobRunner } from './job-runtime.ts';

export type AgentSetup = Omit<AgentOptions, 'runner' | 'quarantine' | 'clearQuarantine'> & {
  /** Compare the whole host with its baseline after each job (a machine of its own). */
  hostCheck: boolean;
};

export async function startRigAgent(setup: AgentSetup): Promise<RigAgent> {
  const { hostCheck, ...options } = setup;
  const holder: { agent?: RigAgent } = {};
  const quarantine = new Quarantine({
    file: join(setup.dataDir, 'quarantine.json'),
    hostCheck,
    log: setup.log,
    onChange: () => holder.agent?.statusChanged(),
  });
  const made = new RigAgent({
    ...options,
    runner: quarantine.watch(agentJobRunner()),
    quarantine: () => quarantine.reason(),
    clearQuarantine: (by) =>
      void quarantine
        .clear(by)
        .catch((err: unknown) => setup.log.error({ err }, 'clearing the quarantine failed')),
  });
  holder.agent = made;
  await quarantine.start();
  made.start();
  return made;
}
