/** Where the controller reads a build's pipeline file: the exact commit, with real git. */
export interface PipelineSource {
  /** A branch, tag or sha → the full commit sha. Rejects with a readable message. */
  resolve(repoUrl: string, ref: string): Promise<string>;
  readFile(repoUrl: string, commit: string, path: string): Promise<string>;
}
