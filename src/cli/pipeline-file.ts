/**
 * Finding, reading and checking the pipeline file for `rig run`, `rig plan`
 * and `rig validate`. An invalid pipeline prints compiler-style diagnostics
 * and becomes an exit-2 error, never a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { formatDiagnostics } from '../pipeline/diagnostics/format.ts';
import type { Diagnostic } from '../pipeline/diagnostics/diagnostic.ts';
import type { ParseResult } from '../pipeline/diagnostics/diagnostic.ts';
import { loadJenkinsfile } from '../pipeline/load-jenkinsfile.ts';
import { pipelineFormat } from '../pipeline/source-format.ts';
import type { Pipeline } from '../pipeline/model/pipeline.ts';
import { UsageError } from './errors.ts';

const DEFAULT_FILES = ['Jenkinsfile', 'rig.yaml', 'rig.yml'];

/** `-f FILE`, else `Jenkinsfile`, else `rig.yaml`, in `dir`. Returned relative to `dir` for messages. */
export function findPipelineFile(dir: string, file: string | undefined): string {
  if (file !== undefined) {
    if (!existsSync(resolve(dir, file))) throw new UsageError(`no such pipeline file: ${file}`);
    return file;
  }
  const found = DEFAULT_FILES.find((f) => existsSync(resolve(dir, f)));
  if (!found)
    throw new UsageError(`no Jenkinsfile or rig.yaml in ${dir}; pass -f FILE to name the pipeline`);
  return found;
}

export interface LoadedFile {
  file: string;
  text: string;
  pipeline?: Pipeline;
  diagnostics: Diagnostic[];
}

export async function readPipelineFile(dir: string, file: string): Promise<LoadedFile> {
  let text: string;
  try {
    text = readFileSync(resolve(dir, file), 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  const name = relative(dir, resolve(dir, file)) || file;
  const result = await loadByFormat(text, name);
  return result.value
    ? { file: name, text, pipeline: result.value, diagnostics: result.diagnostics }
    : { file: name, text, diagnostics: result.diagnostics };
}

/** The YAML front end (and its schema library) loads only for rig.yaml files. */
async function loadByFormat(text: string, file: string): Promise<ParseResult<Pipeline>> {
  if (pipelineFormat(file) === 'jenkinsfile') return loadJenkinsfile(text, file);
  const { parseRigYaml } = await import('../pipeline/yaml/parse.ts');
  return parseRigYaml(text, file);
}

export function renderDiagnostics(loaded: LoadedFile, color: boolean): string {
  return formatDiagnostics(
    loaded.diagnostics,
    (f) => (f === loaded.file ? loaded.text : undefined),
    {
      color,
    },
  );
}

/** The pipeline, or diagnostics on stderr and exit 2. Warnings are printed either way. */
export async function requirePipeline(
  dir: string,
  file: string | undefined,
): Promise<LoadedFile & { pipeline: Pipeline }> {
  const loaded = await readPipelineFile(dir, findPipelineFile(dir, file));
  if (loaded.diagnostics.length > 0)
    process.stderr.write(renderDiagnostics(loaded, colorFor(process.stderr)));
  if (!loaded.pipeline) throw new InvalidPipeline(loaded.file);
  return { ...loaded, pipeline: loaded.pipeline };
}

export function colorFor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR;
}

/** Already reported on stderr; only the exit code is left to give. */
export class InvalidPipeline extends UsageError {
  constructor(file: string) {
    super(`${file} is not a valid pipeline`);
    this.name = 'InvalidPipeline';
  }
}
