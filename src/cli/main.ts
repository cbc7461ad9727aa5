// The `rig` command. Each subcommand lives in commands/<name>.ts and is listed
// in commands/index.ts; this file only maps outcomes to exit codes.
import { Command, CommanderError } from '@commander-js/extra-typings';
import { registerCommands } from './commands/index.ts';
import { ExitCode, UsageError } from './errors.ts';

const VERSION = '0.1.0';

async function main(argv: string[]): Promise<number> {
  const program = new Command('rig')
    .description('CI for software whose tests need real machines')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  // `--version` needs no command; `--help` and unknown names need them all.
  if (argv[2] !== '--version' && argv[2] !== '-V') await registerCommands(program, argv[2]);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? ExitCode.ok : Number(process.exitCode);
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`rig: ${err.message}\n`);
    return ExitCode.usage;
  }
  process.stderr.write(
    `rig: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return ExitCode.failure;
}

// A closed pipe (`rig run | head`) must not kill the build: post blocks and
// teardown still have to run, so output to a closed stream is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

process.exitCode = await main(process.argv);
