import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { VoraciousError } from '../errors/catalogue.js';
import { NAME_PATTERN } from '../fleet/fleet-names.js';
import { appKey } from '../store/app-table.js';
import { resetApp, resetFleet, type ResetTargets } from './fleet-reset.js';

type ResetRequest = { scope: 'all' } | { scope: 'app'; account: string; app: string };

const NAME = new RegExp(NAME_PATTERN);

/**
 * A web page can make a browser POST a form or text/plain to any address
 * without asking first, but not application/json: requiring it keeps a
 * page someone visits from wiping the emulator.
 */
const jsonOnly: onRequestHookHandler = (request, _reply, done) => {
  const type = request.headers['content-type'];
  if (type !== undefined && /^application\/json\s*(;|$)/i.test(type)) return done();

  const { method, url } = request;
  done(new VoraciousError('VOR_ERR_CONTENT_TYPE', { method, url, value: type }));
};

/** `POST /admin/reset`: `{}` forgets every application; `{account, app}` resets one. */
export function registerResetRoute(server: FastifyInstance, targets: ResetTargets): void {
  server.post(
    '/admin/reset',
    {
      schema: {
        summary: 'Reset every application (body {}) or one (body {"account": ..., "app": ...})',
      },
      onRequest: jsonOnly,
    },
    (request) => {
      const reset = resetRequest(request.body);
      if (reset.scope === 'all') return { status: 'ok', reset: 'all', apps: resetFleet(targets) };

      const slot = targets.store.apps.find(appKey(reset.account, reset.app));
      if (slot < 0) {
        throw new VoraciousError('VOR_ERR_APP_UNKNOWN', {
          value: reset.app,
          account: reset.account,
        });
      }
      resetApp(targets, slot);
      return { status: 'ok', reset: 'app', account: reset.account, app: reset.app };
    },
  );
}

/** No body counts as `{}`, so a POST with only the JSON content type resets everything. */
function resetRequest(body: unknown): ResetRequest {
  if (body === undefined || body === null) return { scope: 'all' };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new VoraciousError('VOR_ERR_RESET_BODY', { value: body });
  }

  const { account, app, ...rest } = body as Record<string, unknown>;
  if (account === undefined && app === undefined && Object.keys(rest).length === 0) {
    return { scope: 'all' };
  }
  if (isName(account) && isName(app) && Object.keys(rest).length === 0) {
    return { scope: 'app', account, app };
  }
  throw new VoraciousError('VOR_ERR_RESET_BODY', { value: body });
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 128 && NAME.test(value);
}
