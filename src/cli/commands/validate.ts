/** `rig validate [-f FILE] [--json]`: every problem in one pass, compiler-style; exit 2 on error. */
import { resolve } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { hasErrors } from '../../pipeline/diagnostics/diagnostic.ts';
import { diagnosticsToJson, summary } from '../../pipeline/diagnostics/format.ts';
import { ExitCode } from '../errors.ts';
import {
  colorFor,
  findPipelineFile,
  readPipelineFile,
  renderDiagnostics,
} from '../pipeline-file.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a pipeline file and report every problem with its location')
    .option('-f, --file <file>', 'pipeline file (default: Jenkinsfile, else rig.yaml)')
    .option('-C, --dir <dir>', 'look for the pipeline in DIR', '.')
    .option('--json', 'print diagnostics as JSON', false)
    .action(async (opts) => {
      const dir = resolve(opts.dir);
      const loaded = await readPipelineFile(dir, findPipelineFile(dir, opts.file));
      const failed = hasErrors(loaded.diagnostics);
      if (opts.json) {
        const out = {
          file: loaded.file,
          valid: !failed,
          diagnostics: diagnosticsToJson(loaded.diagnostics),
        };
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else if (loaded.diagnostics.length > 0) {
        process.stderr.write(renderDiagnostics(loaded, colorFor(process.stderr)));
      }
      if (!opts.json && !failed) {
        const extra = loaded.diagnostics.length > 0 ? ` (${summary(loaded.diagnostics)})` : '';
        process.stdout.write(`${loaded.file}: valid${extra}\n`);
      }
      process.exitCode = failed ? ExitCode.usage : ExitCode.ok;
    });
}
