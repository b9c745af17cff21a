import { defaultConfig } from './defaults.js';
import type { Config } from './defaults.js';
import { CONFIG_FILE_VARIABLE, envSettings } from './env-settings.js';
import { readConfigFile } from './read-config-file.js';
import type { Setting } from './setting.js';
import { validateConfig } from './validate-config.js';

export interface ConfigSources {
  /** YAML file from --config; falls back to VORACIOUS_CONFIG, then to none. */
  file?: string | null;
  env: NodeJS.ProcessEnv;
  /** Settings from command-line flags, which win over everything else. */
  flags?: Setting[];
}

export interface LoadedConfig {
  config: Config;
  /** Where the configuration came from, for the start-up line: "file x.yaml + env". */
  source: string;
}

/** The effective configuration: defaults < YAML file < VORACIOUS_* environment < flags. */
export async function loadConfig(sources: ConfigSources): Promise<LoadedConfig> {
  const file = sources.file ?? (sources.env[CONFIG_FILE_VARIABLE] || null);
  const fileSettings = file === null ? [] : await readConfigFile(file);
  const env = envSettings(sources.env);
  const flags = sources.flags ?? [];

  const merged: Record<string, unknown> = defaultConfig() as unknown as Record<string, unknown>;
  const origins = new Map<string, string>();
  for (const setting of [...fileSettings, ...env, ...flags]) {
    setAt(merged, setting.path, setting.value);
    origins.set(setting.path, setting.origin);
  }

  const config = validateConfig(merged, origins);
  return { config, source: describeSource(file, env.length > 0, flags.length > 0) };
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let node = target;

  for (const key of keys) {
    node = node[key] as Record<string, unknown>;
  }

  node[last] = value;
}

function describeSource(file: string | null, fromEnv: boolean, fromFlags: boolean): string {
  const parts = [
    ...(file === null ? [] : [`file ${file}`]),
    ...(fromEnv ? ['env'] : []),
    ...(fromFlags ? ['flags'] : []),
  ];
  return parts.length === 0 ? 'defaults' : parts.join(' + ');
}
