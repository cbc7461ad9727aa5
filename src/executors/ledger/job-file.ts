/**
 * The ledger file a job appends to (`RIG_LEDGER`), one entry a line:
 *
 *     KIND ID [key=value …]
 *     netns rig-test-1
 *     link veth0 netns=rig-test-1
 *     container 3f2a…
 *
 * Record before you create: an entry whose thing does not exist is simply
 * already gone at teardown, while a thing created but not recorded (the job
 * was killed in between) can be missed.
 */
import { readFile } from 'node:fs/promises';
import type { LedgerEntry, LedgerKind } from '../contract.ts';

export const LEDGER_ENV = 'RIG_LEDGER';

export const LEDGER_KINDS: readonly LedgerKind[] = [
  'process',
  'netns',
  'link',
  'mount',
  'container',
  'cgroup',
  'tmpdir',
  'loop',
  'vm',
  'machine',
];

export interface ParsedLedger {
  entries: LedgerEntry[];
  /** Lines that could not be understood, with why. */
  problems: string[];
}

export function parseLedgerText(text: string): ParsedLedger {
  const entries: LedgerEntry[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') problems.push(`line ${index + 1}: ${parsed}`);
    else entries.push(parsed);
  });
  return { entries, problems };
}

function parseLine(line: string): LedgerEntry | string {
  const [kind = '', id, ...rest] = line.split(/\s+/);
  if (!isLedgerKind(kind)) return `unknown kind "${kind}" (one of ${LEDGER_KINDS.join(', ')})`;
  if (!id) return `"${kind}" needs an id`;
  const detail: Record<string, string> = {};
  for (const pair of rest) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `"${pair}" is not key=value`;
    detail[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { kind, id, source: 'job', ...(rest.length > 0 ? { detail } : {}) };
}

export function isLedgerKind(kind: string): kind is LedgerKind {
  return (LEDGER_KINDS as readonly string[]).includes(kind);
}

export function formatLedgerLine(
  kind: LedgerKind,
  id: string,
  detail: Record<string, string> = {},
): string {
  const pairs = Object.entries(detail).map(([k, v]) => `${k}=${v}`);
  return [kind, id, ...pairs].join(' ');
}

export async function readJobLedger(path: string): Promise<ParsedLedger> {
  return parseLedgerText(await readFile(path, 'utf8').catch(() => ''));
}
