const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** Milliseconds in "250ms", "2s", "1.5s" or "1m"; NaN for any other text. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(text);
  if (match === null) return Number.NaN;

  const [, amount = '', unit = ''] = match;
  const ms = Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
  return Number.isInteger(ms) ? ms : Math.round(ms);
}
