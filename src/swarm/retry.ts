import { setTimeout as sleep } from 'node:timers/promises';

import type { Random } from './random.js';
import type { HttpReply } from './transport.js';

/** Exponential backoff between attempts, capped. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 50, capMs: 2_000 };

/** What came of a request that may have needed retries. */
export interface RetryOutcome {
  reply: HttpReply | null;
  /** Failed attempts: transport errors and 5xx answers. */
  failures: number;
}

export interface RetryHooks {
  policy: BackoffPolicy;
  random: Random;
  now: () => number;
  /** The time after which no new attempt starts, given when failures began. */
  giveUpAt: (firstFailureAt: number) => number;
  /** Called once per failed attempt with a short kind: an error code or `http-503`. */
  onFailure: (kind: string) => void;
}

/**
 * Delay before retry number `attempt` (0-based): half fixed, half random,
 * so thousands of servos that failed together do not come back together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: Random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Sends until an answer below 500 arrives or the deadline passes. */
export async function sendWithRetry(
  send: () => Promise<HttpReply>,
  hooks: RetryHooks,
): Promise<RetryOutcome> {
  let failures = 0;
  let firstFailureAt = 0;

  for (;;) {
    let kind: string;
    try {
      const reply = await send();
      if (reply.statusCode < 500) return { reply, failures };
      kind = `http-${reply.statusCode}`;
    } catch (error) {
      kind = failureKind(error);
    }

    hooks.onFailure(kind);
    if (failures === 0) firstFailureAt = hooks.now();
    const delay = backoffDelay(failures, hooks.policy, hooks.random);
    failures += 1;
    if (hooks.now() + delay > hooks.giveUpAt(firstFailureAt)) return { reply: null, failures };
    await sleep(delay);
  }
}

function failureKind(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'transport-error';
}
