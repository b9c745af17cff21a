import pino from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from './log-levels.js';

/** Anything pino can write its JSON lines to. */
export interface LogDestination {
  write(line: string): unknown;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Defaults to stdout; tests pass a collector to read what was logged. */
  destination?: LogDestination;
}

/**
 * Creates the one logger of a running emulator. Level policy: one line per
 * request at debug (the hot path is too fast for info), sequence rejections
 * at warn, 5xx at error, start-up and shutdown summaries at info.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stdout;

  return pino(
    {
      name: 'voracious',
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
