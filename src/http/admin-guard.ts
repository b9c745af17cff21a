import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { VoraciousError } from '../errors/catalogue.js';

/**
 * Administration can wipe the emulator, so every route under /admin/ asks
 * for the configured token exactly as servo requests do; the check runs
 * first, before the route's own hooks.
 */
export function guardAdminRoutes(
  server: FastifyInstance,
  authorize: (headers: IncomingHttpHeaders) => VoraciousError | null,
): void {
  const checkToken: onRequestHookHandler = (request, _reply, done) =>
    done(authorize(request.headers) ?? undefined);

  server.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/admin/')) return;
    const own = route.onRequest ?? [];
    route.onRequest = [checkToken, ...(Array.isArray(own) ? own : [own])];
  });
}
