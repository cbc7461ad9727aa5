/** Can this host make sandboxes? Creates namespaces once to find out. */
import type { CgroupLayout } from '../cgroup/index.ts';
import type { ExecutorProbe } from '../contract.ts';
import { describeLayout } from '../job/containment.ts';
import { DEFAULT_PATH } from '../job/launch.ts';
import { resolveCommand } from '../proc/resolve.ts';
import { runCommand } from '../proc/run-command.ts';

const TOOLS = ['unshare', 'nsenter', 'ip', 'mount'];

export async function sandboxProbe(
  options: { userns?: boolean },
  layout: CgroupLayout,
): Promise<ExecutorProbe> {
  const facts: Record<string, string> = {
    containment: describeLayout(layout),
    userns: String(options.userns ?? false),
  };
  const unavailable = (reason: string): ExecutorProbe => ({ available: false, reason, facts });
  if (process.platform !== 'linux') return unavailable('the sandbox needs Linux namespaces');
  if (process.getuid?.() !== 0 && !options.userns) {
    return unavailable('the sandbox needs root (or the userns option)');
  }
  const missing = TOOLS.find(
    (tool) => !resolveCommand(tool, process.env.PATH ?? DEFAULT_PATH, '/'),
  );
  if (missing) return unavailable(`${missing} is not installed (util-linux, iproute2)`);
  const userns = options.userns ? ['--user', '--map-root-user'] : [];
  const trial = await runCommand([
    'unshare',
    ...userns,
    '--mount',
    '--pid',
    '--net',
    '--fork',
    'true',
  ]);
  if (!trial.ok) return unavailable(`cannot create namespaces here: ${trial.stderr.trim()}`);
  return { available: true, facts };
}
