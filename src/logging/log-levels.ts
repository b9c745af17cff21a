import type { Config } from '../config/defaults.js';

export type LogLevel = Config['log']['level'];

/** The pino levels a configuration may name, most severe first. */
export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const satisfies readonly LogLevel[];
