/**
 * The strict sequence as separate switches. A profile is only a named set of
 * switches plus the way rejections are answered; configuration can turn any
 * switch on or off on top of the chosen profile.
 */
export interface RuleSwitches {
  /** HELLO only from a new or disconnected application (off: HELLO restarts the cycle). */
  hello_only_when_disconnected: boolean;
  /** GOODBYE only from a connected application (off: ignored when disconnected). */
  goodbye_only_when_connected: boolean;
  /** WHATS_NEXT only while a command is pending (off: the outstanding command again). */
  whats_next_only_when_pending: boolean;
  /** A final at most once per command (off: repeats are ignored). */
  single_final: boolean;
  /** Progress after the final of its command is an error (off: ignored). */
  reject_late_progress: boolean;
  /** At least one progress report before a MEASUREMENT or ADJUSTMENT final. */
  progress_before_final: boolean;
  /** Progress is a number from 0 to 100, or null. */
  progress_in_range: boolean;
  /** Progress never goes down within one command. */
  progress_monotonic: boolean;
  /** A result carrying a cmd_uid must carry the outstanding command's. */
  cmd_uid_must_match: boolean;
}

export type RuleName = keyof RuleSwitches;

/** How a rejected event is answered. */
export type RejectStyle = 'http-400' | 'status-200';

export interface Profile {
  rules: RuleSwitches;
  reject_with: RejectStyle;
}

export const PROFILES = {
  strict: {
    rules: {
      hello_only_when_disconnected: true,
      goodbye_only_when_connected: true,
      whats_next_only_when_pending: true,
      single_final: true,
      reject_late_progress: true,
      progress_before_final: true,
      progress_in_range: true,
      progress_monotonic: true,
      cmd_uid_must_match: true,
    },
    reject_with: 'http-400',
  },
  lenient: {
    rules: {
      hello_only_when_disconnected: false,
      goodbye_only_when_connected: false,
      whats_next_only_when_pending: false,
      single_final: false,
      reject_late_progress: false,
      progress_before_final: false,
      progress_in_range: false,
      progress_monotonic: false,
      cmd_uid_must_match: true,
    },
    reject_with: 'status-200',
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export const RULE_NAMES = Object.keys(PROFILES.strict.rules) as RuleName[];
