/**
 * Names the job's commands mentioned, from the trace lines its shell steps
 * print (`sh` runs with -x: `+ ip netns add test-ns`). A new netns, link,
 * mount or container named in a command the job ran is the job's, even when
 * nothing else traces it to the job (an empty netns, a link whose peer stays
 * on the host, a mount outside the workspace). Plain output does not count —
 * `ip netns list` prints other jobs' namespaces too — except a line that
 * starts with a command that makes such things: background subshells write
 * their `+ ` prefix separately, so a trace line can lose it.
 */
const MAX_NAMES = 20_000;
const MAX_CARRY = 4096;
const TRACE = /^(?:\+ )+/;
const MAKERS =
  /^(?:(?:sudo|nohup|exec|env)\s+)*(?:ip|podman|docker|mount|losetup|unshare|crun|runc|brctl|ovs-vsctl)\s/;

export class Mentions {
  private readonly names = new Set<string>();
  private readonly carry = new Map<string, string>();

  /** Feeds one chunk of a step's output (`key` tells streams apart). */
  feed(key: string, chunk: Buffer): void {
    const text = (this.carry.get(key) ?? '') + chunk.toString('utf8');
    const lines = text.split('\n');
    const rest = lines.pop() ?? '';
    this.carry.set(key, rest.length > MAX_CARRY ? '' : rest);
    for (const line of lines) {
      const command = line.replace(TRACE, '');
      if (command !== line || MAKERS.test(command)) this.addWords(command);
    }
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  private addWords(command: string): void {
    for (const word of command.split(/[\s'"`;|&()<>=,]+/)) {
      if (this.names.size >= MAX_NAMES) return;
      if (word.length >= 2 && word.length <= 256) this.names.add(word);
    }
  }
}
