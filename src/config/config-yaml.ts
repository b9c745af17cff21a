import { stringify } from 'yaml';
import type { Config } from './defaults.js';

/** The configuration as a YAML file that loads back to the same configuration. */
export function configToYaml(config: Config, source: string): string {
  return `# effective configuration (${source})\n${stringify(config)}`;
}
