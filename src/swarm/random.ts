/** A source of uniform numbers in [0, 1), like Math.random. */
export type Random = () => number;

/** A small seeded generator (mulberry32), so a run can be repeated with --seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A delay around `base`: uniform within base ± base * jitter, never negative. */
export function jittered(base: number, jitter: number, random: Random): number {
  if (base <= 0) return 0;
  const spread = base * jitter;
  return Math.max(0, base - spread + random() * 2 * spread);
}

/** One element chosen uniformly; the list must not be empty. */
export function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}
