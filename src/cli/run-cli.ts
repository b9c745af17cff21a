import { VoraciousError } from '../errors/catalogue.js';
import { VERSION } from '../version.js';
import type { CliIo, CommandRun } from './cli-io.js';
import { globalHelp } from './help-text.js';
import { UsageError } from './usage-error.js';

/** One subcommand in the dispatch table; its module is loaded only when it runs. */
export interface CommandEntry {
  summary: string;
  load(): Promise<CommandRun>;
}

export type CommandTable = Readonly<Record<string, CommandEntry>>;

/** Exit codes: 0 done, 1 configuration or run-time failure, 2 command line not understood. */
export async function runCli(argv: string[], io: CliIo, commands: CommandTable): Promise<number> {
  try {
    return await dispatch(argv, io, commands);
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function dispatch(argv: string[], io: CliIo, commands: CommandTable): Promise<number> {
  const [first, ...rest] = argv;

  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(globalHelp(summaries(commands), VERSION));
    return 0;
  }
  if (first === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (first === 'help' && rest[0] !== undefined) {
    return dispatch([rest[0], '--help'], io, commands);
  }
  if (first === 'help') return dispatch([], io, commands);

  const run = await findCommand(first, commands).load();
  return run(rest, io);
}

function findCommand(name: string, commands: CommandTable): CommandEntry {
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (entry !== undefined) return entry;

  const known = Object.keys(commands).join(', ');
  if (name.startsWith('-')) {
    throw new UsageError(`${name} needs a command first (${known}); see voracious --help`);
  }
  throw new UsageError(
    `unknown command ${JSON.stringify(name)}; expected one of ${known}; ` + 'see voracious --help',
  );
}

function summaries(commands: CommandTable) {
  return Object.entries(commands).map(([name, entry]) => ({ name, summary: entry.summary }));
}

// Expected failures get one line; anything else is a bug and keeps its stack.
function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`voracious: ${error.message}\n`);
    return 2;
  }
  if (error instanceof VoraciousError || isSystemError(error)) {
    io.stderr.write(`voracious: ${(error as Error).message}\n`);
    return 1;
  }

  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`voracious: unexpected failure: ${text}\n`);
  return 1;
}

// Errors such as EADDRINUSE or EACCES carry a string code and a readable message.
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
