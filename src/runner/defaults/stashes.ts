/** Stashes kept in memory for the build's lifetime: the default when the caller gives no store. */
import type { StashStore } from '../api.ts';

export class MemoryStashStore implements StashStore {
  private readonly stashes = new Map<string, Buffer>();

  async put(name: string, tarball: Buffer): Promise<void> {
    this.stashes.set(name, tarball);
  }

  async get(name: string): Promise<Buffer | undefined> {
    return this.stashes.get(name);
  }
}
