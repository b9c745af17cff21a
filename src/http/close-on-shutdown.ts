import type { FastifyInstance } from 'fastify';

/** Whether close() has begun; the fast path, which answers outside fastify, reads it. */
export interface ShutdownState {
  closing: boolean;
}

/**
 * Once close() has begun, every answer carries `Connection: close`, so node
 * closes each socket right after its last answer instead of keeping it
 * alive until the keep-alive timeout holds shutdown up.
 */
export function closeConnectionsOnShutdown(server: FastifyInstance, state: ShutdownState): void {
  server.addHook('preClose', (done) => {
    state.closing = true;
    done();
  });
  server.addHook('onSend', (_request, reply, payload, done) => {
    if (state.closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
