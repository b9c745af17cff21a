/** A command-line mistake; the CLI prints it and exits with status 2. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000 };

/** `200ms`, `60s`, `1.5m` or `0`, in milliseconds. */
export function parseDuration(flag: string, text: string): number {
  if (text === '0') return 0;
  const match = DURATION.exec(text);
  if (match === null) {
    throw new FlagError(`${flag} must be a duration like 200ms, 60s or 2m, got "${text}"`);
  }
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** `0.05`, `5%`: a fraction from 0 to 1. */
export function parseFraction(flag: string, text: string): number {
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  const fraction = percent ? value / 100 : value;

  if (text === '' || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new FlagError(`${flag} must be a fraction from 0 to 1 or a percentage, got "${text}"`);
  }
  return fraction;
}

/** A whole number not below `min`. */
export function parseCount(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new FlagError(`${flag} must be a whole number of at least ${min}, got "${text}"`);
  }
  return value;
}

/** An http(s) URL. */
export function parseUrl(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FlagError(`${flag} must be a URL like http://127.0.0.1:8080, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FlagError(`${flag} must be an http or https URL, got "${text}"`);
  }
  return text.replace(/\/+$/, '');
}

/**
 * Splits `--name value` and `--name=value` into pairs; `booleans` take no
 * value. Positional arguments are mistakes here, since no command takes any.
 */
export function splitFlags(
  argv: readonly string[],
  booleans: ReadonlySet<string>,
): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new FlagError(`unexpected argument "${arg}"`);

    const equals = arg.indexOf('=');
    const name = equals === -1 ? arg : arg.slice(0, equals);
    if (booleans.has(name)) {
      pairs.push([name, equals === -1 ? 'true' : arg.slice(equals + 1)]);
      continue;
    }
    if (equals !== -1) {
      pairs.push([name, arg.slice(equals + 1)]);
      continue;
    }

    const value = argv[i + 1];
    if (value === undefined) throw new FlagError(`${name} needs a value`);
    pairs.push([name, value]);
    i += 1;
  }
  return pairs;
}
