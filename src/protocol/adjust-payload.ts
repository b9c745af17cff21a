import type { SettingSpec } from './descriptor-registry.js';

/**
 * A state derived from an application's own DESCRIPTION: a valid value for
 * every setting, fixed by (seed, app, command number) so runs repeat exactly.
 * The first setting with a choice walks through its values one step per
 * ADJUST, so two ADJUSTs in a row never ask for the same state.
 */
export function derivedState(
  settings: readonly SettingSpec[],
  seed: number,
  app: string,
  adjustNumber: number,
): Record<string, unknown> {
  // Without a prototype, components or settings named "toString" or "__proto__" are plain keys.
  const components: Record<string, { settings: Record<string, { value: string | number }> }> =
    Object.create(null);
  const appHash = hashString(app, seed);
  let walked = false;

  settings.forEach((spec, index) => {
    const count = choiceCount(spec);
    const base = mix(appHash ^ mix(index + 1));
    const pick =
      !walked && count > 1
        ? (base + adjustNumber) % count
        : mix(base ^ mix(adjustNumber + 0x9e37)) % count;
    if (count > 1) walked = true;

    const entry = (components[spec.component] ??= { settings: Object.create(null) });
    entry.settings[spec.name] = { value: valueAt(spec, pick) };
  });
  return { application: { components } };
}

/** How many valid values a setting has. */
export function choiceCount(spec: SettingSpec): number {
  if (spec.values) return spec.values.length;
  return Math.floor((spec.max - spec.min) / spec.step + 1e-9) + 1;
}

function valueAt(spec: SettingSpec, index: number): string | number {
  if (spec.values) return spec.values[index]!;
  const decimals = decimalsOf(spec.step) + decimalsOf(spec.min);
  return Number((spec.min + index * spec.step).toFixed(Math.min(decimals, 20)));
}

/** Decimal places of a number, exponent notation (1e-7) included. */
function decimalsOf(value: number): number {
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** FNV-1a over the string, started from the seed. */
function hashString(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Murmur3's finaliser: spreads every input bit over the output. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
