import { configToYaml } from '../config/config-yaml.js';
import type { CliIo } from './cli-io.js';
import { parseConfigArgs } from './config-flags.js';
import { configCommandHelp } from './help-text.js';

const DESCRIPTION = [
  'Prints the effective configuration as YAML: the defaults, overridden by the',
  '--config file, the VORACIOUS_* environment and the flags, exactly as serve',
  'would use them. The output is itself a valid --config file.',
];

/** `voracious config`: prints the effective configuration as YAML. */
export async function runConfig(argv: string[], io: CliIo): Promise<number> {
  const args = parseConfigArgs(argv, io, 'config');
  if (args.help) {
    io.stdout.write(configCommandHelp('config', DESCRIPTION));
    return 0;
  }

  const { config, source } = await args.load();
  io.stdout.write(configToYaml(config, source));
  return 0;
}
