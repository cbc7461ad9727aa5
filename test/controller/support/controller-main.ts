/**
 * A controller process for tests, from source through tsx with the real
 * parser and coordinator: `node --import tsx controller-main.ts DATA PORT WINDOW_MS`.
 * Prints one JSON line {url, admin, agent} on stdout once it listens.
 */
import pino from 'pino';
import { createController } from '../../../src/controller/controller.ts';
import { issueToken } from '../../../src/controller/api/tokens.ts';
import { parseControllerPipeline } from '../../../src/controller/pipeline-parser.ts';
import { controllerCoordinator } from '../../../src/cli/job-runtime.ts';

const [dataDir = '.rig', port = '0', windowMs = '3000'] = process.argv.slice(2);
const log = pino({ level: process.env.RIG_TEST_LOG ?? 'warn' }, pino.destination(2));
const controller = await createController({
  dataDir,
  log,
  parse: parseControllerPipeline,
  heartbeatMs: 500,
  reconnectWindowMs: Number(windowMs),
  coordinator: controllerCoordinator(dataDir),
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
