/**
 * A controller process for tests: `node --import tsx controller-main.ts DATA PORT WINDOW_MS`.
 * Prints one JSON line {url, admin, agent} on stdout once it listens.
 */
import pino from 'pino';
import { createController } from '../../../src/controller/controller.ts';
import { issueToken } from '../../../src/controller/api/tokens.ts';
import { fakeRunBuild, parseTestPipeline } from './fake-pipeline.ts';

const [dataDir = '.rig', port = '0', windowMs = '3000'] = process.argv.slice(2);
const log = pino({ level: process.env.RIG_TEST_LOG ?? 'warn' }, pino.destination(2));
const controller = await createController({
  dataDir,
  log,
  parse: (text) => parseTestPipeline(text),
  heartbeatMs: 500,
  reconnectWindowMs: Number(windowMs),
  coordinator: async (req) => {
    const report = await fakeRunBuild({
      pipeline: req.pipeline,
      workspace: dataDir,
      context: req.context,
      executors: { forAgent: () => Promise.resolve({ error: 'none' }), available: () => [] },
      onEvent: req.onEvent,
      signal: req.signal,
      placement: { runUnit: (u) => req.runUnit(u) },
    });
    return { result: report.result };
  },
});
const url = await controller.listen(Number(port));
const tokens = (await controller.store.listTokens()).length === 0;
const admin = tokens
  ? (await issueToken(controller.store, 'admin', 'user', ['admin'], 'test-admin-token')).token
  : 'test-admin-token';
const agent = tokens
  ? (await issueToken(controller.store, 'agents', 'agent', [], 'test-agent-token')).token
  : 'test-agent-token';
process.stdout.write(`${JSON.stringify({ url, admin, agent })}\n`);
process.on('SIGTERM', () => void controller.close().then(() => process.exit(0)));
