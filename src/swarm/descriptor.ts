import type { Random } from './random.js';

/**
 * The descriptor every emulated servo reports: the classic client's demo
 * application (web, java, db), so ADJUST states of the default configuration
 * fit it, and one shared descriptor keeps the emulator's descriptor table small.
 */
export const DESCRIPTOR = {
  application: {
    components: {
      web: {
        settings: {
          cpu: { value: 1, min: 0.5, max: 4, step: 0.25, type: 'range' },
          replicas: { value: 3, min: 1, max: 10, step: 1, type: 'range' },
        },
      },
      java: {
        settings: {
          mem: { value: 2, min: 1, max: 8, step: 0.5, type: 'range' },
          GCTimeRatio: { value: 99, min: 9, max: 99, step: 10, type: 'range' },
        },
      },
      db: {
        settings: {
          cpu: { value: 1, min: 0.5, max: 4, step: 0.25, type: 'range' },
          commit_delay: { value: 0, min: 0, max: 100, step: 10, type: 'range' },
        },
      },
    },
  },
  measurement: {
    metrics: {
      throughput: { unit: 'rpm' },
      error_rate: { unit: '%' },
    },
  },
} as const;

const UNITS: Record<string, string> = { throughput: 'rpm', error_rate: '%' };

/** The DESCRIPTION param, as the classic client sends it. */
export function descriptionParam(): Record<string, unknown> {
  return { descriptor: DESCRIPTOR, status: 'ok' };
}

/** Plausible values for the metrics a MEASURE asks for (all known ones when it names none). */
export function measuredMetrics(
  names: readonly string[],
  random: Random,
): Record<string, { value: number; unit: string }> {
  const wanted = names.length > 0 ? names : Object.keys(UNITS);
  const metrics: Record<string, { value: number; unit: string }> = {};

  for (const name of wanted) {
    metrics[name] = { value: metricValue(name, random), unit: UNITS[name] ?? '' };
  }
  return metrics;
}

function metricValue(name: string, random: Random): number {
  if (name === 'throughput') return round(900 + random() * 400, 2);
  if (name === 'error_rate') return round(random() * 3, 3);
  return round(random() * 100, 3);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
