/**
 * What `rig run` remembers between runs, under `.rig/` in the workspace:
 * the build number of each pipeline file and the last result per branch,
 * so `post { changed / fixed / regression }` compare with the previous run
 * as they do in Jenkins. Written atomically (temp file + rename).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildResult } from '../../pipeline/model/pipeline.ts';

interface JobState {
  lastNumber: number;
  branches: Record<string, { number: number; result: BuildResult }>;
}
type StateFile = Record<string, JobState>;

export class LocalState {
  constructor(private readonly dir: string) {}

  static in(workspace: string): LocalState {
    return new LocalState(join(workspace, '.rig'));
  }

  get root(): string {
    return this.dir;
  }

  /** Allocates the next build number of a job and returns the previous result on this branch. */
  async startBuild(
    job: string,
    branch: string,
  ): Promise<{ number: number; previous?: BuildResult }> {
    const state = await this.read();
    const entry = state[job] ?? { lastNumber: 0, branches: {} };
    entry.lastNumber += 1;
    state[job] = entry;
    await this.write(state);
    const previous = entry.branches[branch]?.result;
    return previous ? { number: entry.lastNumber, previous } : { number: entry.lastNumber };
  }

  async finishBuild(
    job: string,
    branch: string,
    number: number,
    result: BuildResult,
  ): Promise<void> {
    const state = await this.read();
    const entry = state[job] ?? { lastNumber: number, branches: {} };
    const last = entry.branches[branch];
    // A slower, older run finishing late must not overwrite a newer result.
    if (!last || last.number <= number) entry.branches[branch] = { number, result };
    state[job] = entry;
    await this.write(state);
  }

  private async read(): Promise<StateFile> {
    try {
      return JSON.parse(await readFile(join(this.dir, 'runs.json'), 'utf8')) as StateFile;
    } catch {
      return {};
    }
  }

  private async write(state: StateFile): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = join(this.dir, `runs.json.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(state, null, 2));
    await rename(tmp, join(this.dir, 'runs.json'));
  }
}
