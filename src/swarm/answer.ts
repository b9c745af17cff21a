/** A command handed out in answer to WHATS_NEXT. */
export interface Command {
  cmd: string;
  param: Record<string, unknown>;
  cmdUid: string | undefined;
}

/** What an answer from the backend means to a servo. */
export type Answer =
  | { kind: 'command'; command: Command }
  | { kind: 'ok' }
  | { kind: 'cancel' }
  | { kind: 'rejected'; code: string; message: string };

/**
 * Reads an HTTP answer the way a servo does: a command, a status, or a
 * rejection. A strict rejection is a 4xx with a catalogue `code`; a lenient
 * one is a 200 whose status is not `ok` (`unexpected-event`, `invalid`).
 */
export function classifyAnswer(statusCode: number, body: unknown): Answer {
  if (statusCode >= 400) return rejectionOf(statusCode, body);
  if (!isObject(body)) {
    return { kind: 'rejected', code: 'bad-answer', message: 'not a JSON object' };
  }
  if (typeof body.cmd === 'string') return { kind: 'command', command: commandOf(body) };
  if (body.status === 'ok') return { kind: 'ok' };
  if (body.status === 'cancel') return { kind: 'cancel' };

  const code = typeof body.status === 'string' ? body.status : 'bad-answer';
  return { kind: 'rejected', code, message: textOf(body.reason ?? body.message) };
}

function rejectionOf(statusCode: number, body: unknown): Answer {
  const code = isObject(body) && typeof body.code === 'string' ? body.code : `http-${statusCode}`;
  const message = isObject(body) ? textOf(body.message) : '';
  return { kind: 'rejected', code, message };
}

function commandOf(body: Record<string, unknown>): Command {
  const param = isObject(body.param) ? body.param : {};
  const cmdUid = typeof body.cmd_uid === 'string' ? body.cmd_uid : undefined;
  return { cmd: body.cmd as string, param, cmdUid };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
