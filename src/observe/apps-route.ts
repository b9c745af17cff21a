import type { FastifyInstance } from 'fastify';
import { VoraciousError } from '../errors/catalogue.js';
import { servoParamsSchema } from '../http/schemas.js';
import type { Phase } from '../protocol/phases.js';
import { appKey, type AppTable } from '../store/app-table.js';
import { appDetails, appSummary, type AppSummary } from './app-view.js';
import type { FleetObserver } from './fleet-observer.js';
import { integerParam, stateParam, stringQuery, type Query } from './query-params.js';

export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 1000;

export interface AppsRouteOptions {
  apps: AppTable;
  observer: FleetObserver;
}

interface AppPage {
  apps: AppSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

interface PageRequest {
  state: Phase | null;
  app: string | null;
  limit: number;
  after: number;
}

/** `GET /apps` (paged, by slot order) and `GET /apps/{account}/{app}`. */
export function registerAppsRoutes(server: FastifyInstance, options: AppsRouteOptions): void {
  const { apps, observer } = options;

  server.get<{ Querystring: Query }>(
    '/apps',
    {
      schema: {
        summary: 'Applications, paged: state filters, limit (1-1000), after (the previous "next")',
        querystring: stringQuery(['state', 'app', 'limit', 'after']),
      },
    },
    (request) => appPage(apps, pageRequest(request.query)),
  );

  server.get<{ Params: { account: string; app: string } }>(
    '/apps/:account/:app',
    {
      schema: {
        summary: 'One application: state, command, counters and its last 20 events',
        params: servoParamsSchema,
      },
    },
    (request) => {
      const { account, app } = request.params;
      const slot = apps.find(appKey(account, app));
      if (slot < 0) throw new VoraciousError('VOR_ERR_APP_UNKNOWN', { value: app, account });
      return appDetails(apps, slot, observer);
    },
  );
}

function pageRequest(query: Query): PageRequest {
  return {
    state: stateParam(query, 'state'),
    app: query.app ?? null,
    limit: integerParam(query, 'limit', 1, PAGE_MAX, PAGE_DEFAULT),
    after: integerParam(query, 'after', 0, Number.MAX_SAFE_INTEGER, -1),
  };
}

/** Scans slots after the cursor; a page never costs more than one pass over the table. */
function appPage(apps: AppTable, page: PageRequest): AppPage {
  const found: AppSummary[] = [];
  const suffix = page.app === null ? null : `/${page.app}`;
  let slot = page.after + 1;

  for (; slot < apps.size && found.length < page.limit; slot++) {
    if (page.state !== null && apps.phase[slot] !== page.state) continue;
    if (suffix !== null && !apps.keyOf(slot).endsWith(suffix)) continue;
    found.push(appSummary(apps, slot));
  }

  const more = found.length === page.limit && slot < apps.size;
  return { apps: found, next: more ? slot - 1 : null };
}
