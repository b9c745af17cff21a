import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs in strict mode, with its errors turned into UsageError
 * messages that name the flag and point to the command's --help.
 */
export function parseFlags<T extends Options>(options: T, argv: string[], command: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorFrom(error as NodeJS.ErrnoException, command);
  }
}

function usageErrorFrom(error: NodeJS.ErrnoException, command: string): Error {
  const flag = /'(-{1,2}[^' =]+)/.exec(error.message)?.[1] ?? '';
  const hint = `see voracious ${command} --help`;

  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown flag ${flag} for voracious ${command}; ${hint}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`${describeValueProblem(error.message, flag)}; ${hint}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`${error.message}; ${hint}`);
    default:
      return error;
  }
}

function describeValueProblem(message: string, flag: string): string {
  if (message.includes('does not take an argument')) return `flag ${flag} takes no value`;
  if (message.includes('ambiguous')) {
    return `flag ${flag} needs a value; write ${flag}=VALUE for a value starting with "-"`;
  }
  return `flag ${flag} needs a value`;
}

/** Refuses arguments that are not flags, for commands that take none. */
export function refusePositionals(positionals: string[], command: string): void {
  const [first] = positionals;
  if (first === undefined) return;

  throw new UsageError(
    `unexpected argument ${JSON.stringify(first)} for voracious ${command}; ` +
      `see voracious ${command} --help`,
  );
}
