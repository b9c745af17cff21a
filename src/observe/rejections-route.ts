import type { FastifyInstance } from 'fastify';
import { EVENT_KIND_LABELS } from '../protocol/events.js';
import { splitKey } from '../store/app-table.js';
import { parsedAnswer } from './app-view.js';
import type { FleetObserver } from './fleet-observer.js';
import { integerParam, stringQuery, type Query } from './query-params.js';
import type { RejectionEntry } from './rejection-feed.js';

export const REJECTIONS_DEFAULT = 100;

/** One rejection as `GET /rejections` shows it. */
export interface RejectionView {
  time: string;
  account: string;
  app: string;
  state: string;
  event: string;
  code: string;
  message: string;
}

/** `GET /rejections?limit=`: the most recent rejections across all applications. */
export function registerRejectionsRoute(server: FastifyInstance, observer: FleetObserver): void {
  const most = Math.max(1, observer.feed.capacity);

  server.get<{ Querystring: Query }>(
    '/rejections',
    {
      schema: {
        summary: `The most recent sequence rejections, newest first (limit 1-${most})`,
        querystring: stringQuery(['limit']),
      },
    },
    (request) => {
      const limit = integerParam(
        request.query,
        'limit',
        1,
        most,
        Math.min(REJECTIONS_DEFAULT, most),
      );
      return { rejections: recentRejections(observer, limit) };
    },
  );
}

/** Newest first; messages are read out of the answers only now. */
export function recentRejections(observer: FleetObserver, limit: number): RejectionView[] {
  return observer.feed.recent(limit).map(rejectionView);
}

function rejectionView(entry: RejectionEntry): RejectionView {
  const { account, app } = splitKey(entry.key);
  return {
    time: new Date(entry.timeMs).toISOString(),
    account,
    app,
    state: entry.state,
    event: EVENT_KIND_LABELS[entry.kind],
    code: entry.code,
    message: messageOf(entry.answer),
  };
}

/** Strict answers carry `message`; lenient ones a status with `reason`. */
function messageOf(answer: string): string {
  const body = parsedAnswer(answer) as { message?: unknown; reason?: unknown } | string;
  if (typeof body === 'string') return body;
  return String(body.message ?? body.reason ?? '');
}
