import type { Config } from '../config/defaults.js';
import { PROFILES, type RejectStyle, type RuleSwitches } from './rules.js';

/** The profile's switches with the configuration's own overrides on top. */
export function resolveRules(sequence: Config['sequence']): {
  rules: RuleSwitches;
  rejectWith: RejectStyle;
} {
  const profile = PROFILES[sequence.profile];
  return {
    rules: { ...profile.rules, ...sequence.rules },
    rejectWith: sequence.reject_with ?? profile.reject_with,
  };
}
