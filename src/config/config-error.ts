import { VoraciousError } from '../errors/catalogue.js';

/** A start-up error in the configuration; the reason is the whole message. */
export function configError(reason: string): VoraciousError {
  return new VoraciousError('VOR_ERR_CONFIG', { reason });
}

/** Quotes a value the way error messages show it: JSON, cut at 80 characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';

  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
