import { defaultConfig } from '../config/defaults.js';
import { loadConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Setting } from '../config/setting.js';
import { settingsFromText } from '../config/settings-from-text.js';
import type { CliIo } from './cli-io.js';
import { parseFlags, refusePositionals } from './parse-flags.js';

/** A flag of serve and config; each sets one configuration key. */
export interface ConfigFlag {
  name: string;
  /** The configuration key it sets; null for --config, which names the file. */
  path: string | null;
  /** Placeholder shown in help; null for a switch that takes no value. */
  placeholder: string | null;
  help: string;
}

export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  { name: 'config', path: null, placeholder: 'FILE', help: 'YAML configuration file' },
  { name: 'port', path: 'server.port', placeholder: 'N', help: 'port to listen on, 0 for any' },
  { name: 'host', path: 'server.host', placeholder: 'ADDRESS', help: 'address to listen on' },
  { name: 'apps', path: 'fleet.apps', placeholder: 'N', help: 'applications listed in the fleet' },
  {
    name: 'profile',
    path: 'sequence.profile',
    placeholder: 'strict|lenient',
    help: 'sequence profile',
  },
  {
    name: 'state-file',
    path: 'state.file',
    placeholder: 'FILE',
    help: 'SQLite file keeping application state (none: in memory)',
  },
  {
    name: 'resync',
    path: 'sequence.resync',
    placeholder: null,
    help: 'accept the first event of an unknown application',
  },
  {
    name: 'log-level',
    path: 'log.level',
    placeholder: 'LEVEL',
    help: 'fatal, error, warn, info, debug, trace or silent',
  },
  {
    name: 'adjust-mode',
    path: 'adjust.mode',
    placeholder: 'fixed|descriptor',
    help: 'ADJUST the configured state, or one derived from DESCRIPTION',
  },
  { name: 'seed', path: 'adjust.seed', placeholder: 'N', help: 'seed of descriptor adjustments' },
  {
    name: 'token',
    path: 'server.token',
    placeholder: 'TOKEN',
    help: 'token servo requests must carry (none: no check)',
  },
];

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(
    CONFIG_FLAGS.map((flag) => [
      flag.name,
      { type: flag.placeholder === null ? 'boolean' : 'string' },
    ]),
  ),
} as const;

export interface ConfigArgs {
  help: boolean;
  load(): Promise<LoadedConfig>;
}

/** Reads the flags of serve or config; `load` then builds the effective configuration. */
export function parseConfigArgs(argv: string[], io: CliIo, command: string): ConfigArgs {
  const { values, positionals } = parseFlags(OPTIONS, argv, command);
  refusePositionals(positionals, command);

  const given = values as Record<string, string | boolean | undefined>;
  const file = typeof given.config === 'string' ? given.config : null;

  return {
    help: given.help === true,
    load: () => loadConfig({ file, env: io.env, flags: flagSettings(given) }),
  };
}

function flagSettings(given: Record<string, string | boolean | undefined>): Setting[] {
  return CONFIG_FLAGS.flatMap((flag) => {
    const value = given[flag.name];
    if (flag.path === null || value === undefined) return [];

    const origin = `flag --${flag.name}`;
    if (typeof value === 'boolean') return [{ path: flag.path, value, origin }];
    return settingsFromText(flag.path, value, origin, 'flag');
  });
}

/** The default a flag's key has, as help shows it. */
export function flagDefault(flag: ConfigFlag): string {
  if (flag.path === null) return 'none';

  let value: unknown = defaultConfig();
  for (const key of flag.path.split('.')) {
    value = (value as Record<string, unknown>)[key];
  }
  return value === null ? 'none' : String(value);
}
