/** Events a servo sends, as named on the wire. */
export const EVENT_NAMES = [
  'HELLO',
  'WHATS_NEXT',
  'DESCRIPTION',
  'MEASUREMENT',
  'ADJUSTMENT',
  'GOODBYE',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/**
 * What an event is, once its param is looked at: MEASUREMENT and ADJUSTMENT
 * are progress reports when the param has a `progress` key, finals otherwise.
 */
export const EventKind = {
  HELLO: 0,
  WHATS_NEXT: 1,
  DESCRIPTION: 2,
  MEASUREMENT_PROGRESS: 3,
  MEASUREMENT_FINAL: 4,
  ADJUSTMENT_PROGRESS: 5,
  ADJUSTMENT_FINAL: 6,
  GOODBYE: 7,
} as const;

export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export const EVENT_KIND_LABELS = [
  'HELLO',
  'WHATS_NEXT',
  'DESCRIPTION',
  'MEASUREMENT progress',
  'MEASUREMENT final',
  'ADJUSTMENT progress',
  'ADJUSTMENT final',
  'GOODBYE',
] as const;

export type EventKindLabel = (typeof EVENT_KIND_LABELS)[number];

/** The servo request body, once validated. */
export interface ServoRequest {
  event: EventName;
  param?: unknown;
  servo_uid?: string | null;
}
