/**
 * A running controller with the web UI and two agents, for looking at the
 * pages by hand: `node --import tsx test/web/support/dev-server.ts`.
 * Prints the URL and an admin token; Ctrl-C stops it and removes its data.
 */
import { seedBuilds } from './seed.ts';
import { startHarness } from './harness.ts';

const h = await startHarness();
await h.listen();
h.startAgent('linux-1', ['linux']);
h.startAgent('kvm-1', ['linux', 'kvm']);
await seedBuilds(h);
process.stdout.write(`${JSON.stringify({ url: h.url, admin: h.admin })}\n`);
process.on('SIGINT', () => void h.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void h.close().then(() => process.exit(0)));
