import type { SourceFormat } from './model/pipeline.ts';

/** The front end a file needs, by its name: `*.yaml`/`*.yml` are rig.yaml, anything else a Jenkinsfile. */
export function pipelineFormat(file: string): SourceFormat {
  return /\.ya?ml$/i.test(file) ? 'yaml' : 'jenkinsfile';
}
