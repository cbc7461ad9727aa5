/**
 * Gathering the facts `attributeDiff` needs from the live host: which network
 * namespaces the job's processes are in (before they are stopped), which new
 * containers carry the job's marker, where new veth links point.
 */
import { readlink } from 'node:fs/promises';
import { BUILD_MARKER } from '../proc/markers.ts';
import { runCommand } from '../proc/run-command.ts';
import type { HostSnapshot } from './snapshot.ts';

/** Network namespace inodes of the given processes. */
export async function netnsInodes(pids: number[]): Promise<Set<number>> {
  const links = await Promise.all(
    pids.map((pid) => readlink(`/proc/${pid}/ns/net`).catch(() => '')),
  );
  const inodes = links.map((l) => Number(/\[(\d+)\]/.exec(l)?.[1] ?? 0)).filter((n) => n > 0);
  return new Set(inodes);
}

interface InspectedContainer {
  Id: string;
  Config?: { Env?: string[]; Labels?: Record<string, string> | null };
}

/** The new containers whose configuration carries the job's marker or label. */
export async function containersOf(jobId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await runCommand(['podman', 'container', 'inspect', '--format', 'json', ...ids]);
  // One id may have been removed meanwhile: podman then fails the whole call; ask one by one.
  const list = result.ok ? parse(result.stdout) : await inspectEach(ids);
  const marker = `${BUILD_MARKER}=${jobId}`;
  const ours = list.filter(
    (c) => c.Config?.Env?.includes(marker) || c.Config?.Labels?.['rig.job'] === jobId,
  );
  return new Set(ours.map((c) => c.Id));
}

async function inspectEach(ids: string[]): Promise<InspectedContainer[]> {
  const each = await Promise.all(
    ids.map((id) => runCommand(['podman', 'container', 'inspect', '--format', 'json', id])),
  );
  return each.filter((r) => r.ok).flatMap((r) => parse(r.stdout));
}

function parse(json: string): InspectedContainer[] {
  try {
    return JSON.parse(json) as InspectedContainer[];
  } catch {
    return [];
  }
}

/** New host links whose veth peer lives in a named netns: link → netns name. */
export async function linkPeers(names: string[]): Promise<Record<string, string>> {
  if (names.length === 0) return {};
  const [links, ids] = await Promise.all([
    runCommand(['ip', '-j', '-d', 'link', 'show']),
    runCommand(['ip', '-j', 'netns', 'list-id']),
  ]);
  const nsNames = new Map<number, string>();
  for (const entry of parseArray<{ nsid: number; name?: string }>(ids.stdout)) {
    if (entry.name) nsNames.set(entry.nsid, entry.name);
  }
  const peers: Record<string, string> = {};
  for (const link of parseArray<{ ifname: string; link_netnsid?: number }>(links.stdout)) {
    const ns = link.link_netnsid === undefined ? undefined : nsNames.get(link.link_netnsid);
    if (ns && names.includes(link.ifname)) peers[link.ifname] = ns;
  }
  return peers;
}

function parseArray<T>(json: string): T[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function newKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => !(k in before));
}

export type { HostSnapshot };
