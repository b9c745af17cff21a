import { CONFIG_FLAGS, flagDefault } from './config-flags.js';
import type { ConfigFlag } from './config-flags.js';

/** What help needs to know of a subcommand. */
export interface CommandSummary {
  name: string;
  summary: string;
}

const PRECEDENCE = [
  'Each flag sets the configuration key in brackets. Precedence: flags >',
  'VORACIOUS_<SECTION>_<KEY> environment variables (VORACIOUS_FLEET_APPS=5000;',
  'a group of keys takes JSON: VORACIOUS_SEQUENCE_RULES=\'{"single_final":false}\')',
  '> the --config file (or VORACIOUS_CONFIG) > defaults. voracious.example.yaml',
  'explains every key; `voracious config` prints the effective configuration.',
];

/** `voracious --help`: the commands, the global flags and the flags of serve and config. */
export function globalHelp(commands: readonly CommandSummary[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  const commandLines = commands.map(
    (command) => `  ${command.name.padEnd(width)}${command.summary}`,
  );

  return [
    `voracious ${version}: emulates thousands of OCO optimization backends at once`,
    '',
    'Usage: voracious <command> [flags]',
    '',
    'Commands:',
    ...commandLines,
    `  ${'help'.padEnd(width)}print the help of a command: voracious help serve`,
    '',
    'Global flags:',
    ...table([
      ['-h, --help', 'print this help'],
      ['--version', `print the version (${version})`],
    ]),
    '',
    'Flags of serve and config:',
    ...flagLines(),
    '',
    ...PRECEDENCE,
    '',
  ].join('\n');
}

/** The help of serve or config: what the command does, then every flag with its default. */
export function configCommandHelp(command: string, description: readonly string[]): string {
  return [
    `Usage: voracious ${command} [flags]`,
    '',
    ...description,
    '',
    'Flags:',
    ...flagLines(),
    ...table([['-h, --help', 'print this help']]),
    '',
    ...PRECEDENCE,
    '',
  ].join('\n');
}

function flagLines(): string[] {
  return table(CONFIG_FLAGS.map((flag) => [flagUsage(flag), flagHelp(flag)]));
}

function flagUsage(flag: ConfigFlag): string {
  return flag.placeholder === null ? `--${flag.name}` : `--${flag.name} ${flag.placeholder}`;
}

function flagHelp(flag: ConfigFlag): string {
  const key = flag.path === null ? '' : `${flag.path}, `;
  return `${flag.help} [${key}default ${flagDefault(flag)}]`;
}

const LEFT_COLUMN = 32;

const HELP_WIDTH = 100;

// A row too wide for the terminal moves its bracketed key and default to a second line.
function table(rows: readonly (readonly [string, string])[]): string[] {
  return rows.flatMap(([left, right]) => {
    const line = `  ${left.padEnd(LEFT_COLUMN)}${right}`;
    const bracket = right.lastIndexOf(' [');
    if (line.length <= HELP_WIDTH || bracket < 0) return [line];

    const indent = ' '.repeat(LEFT_COLUMN + 2);
    return [
      `  ${left.padEnd(LEFT_COLUMN)}${right.slice(0, bracket)}`,
      `${indent}${right.slice(bracket + 1)}`,
    ];
  });
}
