import type { CheckMode, StepSpec } from './jobs.js';
import type { Reply } from './http-send.js';

const QUOTE_LIMIT = 300;

/**
 * Counts wrong answers by kind (a rejection counts once, as a rejection, whatever its
 * status) and keeps the first one, quoted, to explain an invalid run.
 */
export class AnswerTally {
  non2xx = 0;
  rejections = 0;
  mismatches = 0;
  transportErrors = 0;
  firstProblem: string | null = null;

  constructor(private readonly mode: CheckMode) {}

  /** Judges one answer against what the step expects. */
  judge(reply: Reply, step: StepSpec, path: string): void {
    if (this.mode === 'status') {
      if (reply.status < 200 || reply.status > 299) this.fail('non2xx', reply, path, step);
      return;
    }

    if (isRejection(reply)) this.fail('rejections', reply, path, step);
    else if (reply.status < 200 || reply.status > 299) this.fail('non2xx', reply, path, step);
    else if (step.expectCmd !== null && commandOf(reply) !== step.expectCmd) {
      this.fail('mismatches', reply, path, step);
    }
  }

  /** Counts a request that got no answer at all. */
  transport(error: unknown, path: string): void {
    this.transportErrors += 1;
    this.firstProblem ??= `${path}: ${error instanceof Error ? error.message : String(error)}`;
  }

  private fail(
    kind: 'non2xx' | 'rejections' | 'mismatches',
    reply: Reply,
    path: string,
    step: StepSpec,
  ): void {
    this[kind] += 1;
    this.firstProblem ??=
      `${kind}: POST ${path} ${step.body.slice(0, 80)} -> ${reply.status} ` +
      reply.body.slice(0, QUOTE_LIMIT);
  }
}

/** A strict rejection (HTTP 400 with a catalogue code) or a lenient one (200 with a status). */
function isRejection(reply: Reply): boolean {
  if (reply.status === 400 && reply.body.includes('VOR_ERR_')) return true;
  return reply.body.includes('"unexpected-event"') || reply.body.includes('"status":"invalid"');
}

function commandOf(reply: Reply): unknown {
  try {
    const parsed: unknown = JSON.parse(reply.body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as { cmd?: unknown }).cmd : null;
  } catch {
    return null;
  }
}
