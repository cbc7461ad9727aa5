/** `rig run` and `rig plan`: a pipeline on this machine, through the runner CI uses. */
import { Option, type Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.ts';
import { EXECUTOR_KINDS, parseExecutorKind } from '../executors.ts';
import { runLocal, type RunFlags } from '../run/execute.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Options `rig run` and `rig plan` share. */
function pipelineOptions(): Option[] {
  return [
    new Option('-f, --file <file>', 'pipeline file (default: Jenkinsfile, else rig.yaml)'),
    new Option('-C, --dir <dir>', 'run as if rig was started in DIR (the workspace)').default('.'),
    new Option('--param <name=value>', 'build parameter (repeatable)')
      .argParser(collect)
      .default([] as string[]),
    new Option(
      '--branch <name>',
      'BRANCH_NAME for `when { branch }` (default: the current git branch)',
    ),
  ];
}

function withOptions(cmd: Command, options: Option[]): Command {
  for (const o of options) cmd.addOption(o);
  return cmd;
}

export function registerRun(program: Command): void {
  withOptions(
    program.command('run').description('run a pipeline locally, as CI would'),
    pipelineOptions(),
  )
    .option('--stage <name>', 'run only this stage (a name or a path like Test/unit)')
    .option('--report <file>', 'write the JSON build report (docs/report.md) to FILE')
    .option('--dry-run', 'print the plan and run nothing', false)
    .addOption(
      new Option('--executor <kind>', 'where steps run').choices(EXECUTOR_KINDS).default('host'),
    )
    .addOption(
      new Option('--input <answer>', 'answer to every `input` step').choices([
        'proceed',
        'abort',
      ] as const),
    )
    .option('--credentials <file>', 'JSON file of credentials (default: .rig/credentials.json)')
    .action(async (opts) => {
      process.exitCode = await runLocal(toFlags(opts as RawRunOptions));
    });
  withOptions(
    program.command('plan').description('print what `rig run` would do, and why'),
    pipelineOptions(),
  ).action(async (opts) => {
    process.exitCode = await runLocal(toFlags({ ...(opts as RawRunOptions), dryRun: true }));
  });
}

interface RawRunOptions {
  file?: string;
  dir: string;
  param: string[];
  branch?: string;
  stage?: string;
  report?: string;
  dryRun?: boolean;
  executor?: string;
  input?: 'proceed' | 'abort';
  credentials?: string;
}

function toFlags(opts: RawRunOptions): RunFlags {
  const executor = parseExecutorKind(opts.executor ?? 'host');
  if (!executor) throw new UsageError(`unknown executor '${opts.executor}'`);
  return {
    dir: opts.dir,
    params: opts.param,
    dryRun: opts.dryRun ?? false,
    executor,
    ...(opts.file !== undefined ? { file: opts.file } : {}),
    ...(opts.branch !== undefined ? { branch: opts.branch } : {}),
    ...(opts.stage !== undefined ? { stage: opts.stage } : {}),
    ...(opts.report !== undefined ? { report: opts.report } : {}),
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}),
  };
}
