/**
 * An agent process for tests, from source through tsx with the real runner:
 * `node --import tsx agent-main.ts SERVER TOKEN NAME LABELS DATA`.
 */
import pino from 'pino';
import { RigAgent } from '../../../src/agent/agent.ts';
import { agentJobRunner } from '../../../src/cli/job-runtime.ts';

const [server = '', token = '', name = 'agent', labels = '', dataDir = '.agent'] =
  process.argv.slice(2);
const agent = new RigAgent({
  server,
  token,
  name,
  labels: labels.split(',').filter(Boolean),
  executors: 1,
  executorKinds: ['host'],
  dataDir,
  log: pino({ level: process.env.RIG_TEST_LOG ?? 'warn' }, pino.destination(2)),
  runner: agentJobRunner(),
});
agent.start();
process.stdout.write('started\n');
process.on('SIGTERM', () => void agent.drain().then(() => (agent.stop(), process.exit(0))));
