import { defaultConfig } from '../../src/config/defaults.js';
import type { Config } from '../../src/config/defaults.js';

/** Every section of Config, each of its keys optional. */
export type ConfigOverrides = { [Section in keyof Config]?: Partial<Config[Section]> };

/**
 * The default configuration with `overrides` merged in section by section,
 * listening on 127.0.0.1 port 0 and logging at warn, as tests want it.
 */
export function testConfig(overrides: ConfigOverrides = {}): Config {
  const config = defaultConfig();
  config.server.port = 0;
  config.log.level = 'warn';

  for (const [section, values] of Object.entries(overrides)) {
    const target = config[section as keyof Config] as Record<string, unknown>;
    Object.assign(target, values);
  }
  return config;
}
