import type { Dispatcher } from 'undici';

/** An answer as the generator judges it: the status and the whole body as text. */
export interface Reply {
  status: number;
  body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * Sends one request through the pool's raw dispatch interface: the promise-and-stream
 * layer of `request()` costs the generator more CPU than the bare server spends per answer.
 */
export function send(
  pool: Dispatcher,
  method: 'GET' | 'POST',
  path: string,
  body: Buffer | null,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status = 0;

    const options = { method, path, body, headers: body === null ? {} : JSON_HEADERS };
    pool.dispatch(options, {
      onConnect: () => undefined,
      onHeaders: (statusCode: number) => {
        status = statusCode;
        return true;
      },
      onData: (chunk: Buffer) => chunks.push(chunk) > 0,
      onComplete: () => resolve({ status, body: Buffer.concat(chunks).toString() }),
      onError: reject,
    });
  });
}
