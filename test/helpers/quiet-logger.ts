import pino from 'pino';
import type { Logger } from 'pino';

/** A pino logger that writes into memory, so tests read what was logged. */
export interface QuietLogger {
  logger: Logger;
  /** Every JSON line written, in order. */
  lines: string[];
  /** The lines parsed. */
  records(): Record<string, unknown>[];
}

/** A logger at `level` (default warn) that keeps its lines in an array instead of stdout. */
export function quietLogger(level: pino.Level | 'silent' = 'warn'): QuietLogger {
  const lines: string[] = [];
  const destination = { write: (line: string) => lines.push(line) };
  const logger = pino({ level }, destination);

  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
