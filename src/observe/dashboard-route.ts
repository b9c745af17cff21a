import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { FleetStats } from '../stats/fleet-stats.js';
import { dashboardData } from './dashboard-data.js';
import type { FleetObserver } from './fleet-observer.js';

export interface DashboardOptions {
  stats: FleetStats;
  observer: FleetObserver;
  clock: () => number;
}

interface StaticFile {
  path: string;
  type: string;
}

/**
 * tsc copies no HTML, so the page is read from the sources beside the build;
 * uPlot is served from node_modules, as the machine reaches no CDN.
 */
function staticFiles(): Record<string, StaticFile> {
  const folder = dashboardFolder();
  const uplot = createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js');
  return {
    '/dashboard': { path: `${folder}/index.html`, type: 'text/html; charset=utf-8' },
    '/dashboard/app.js': { path: `${folder}/app.js`, type: 'text/javascript; charset=utf-8' },
    '/dashboard/style.css': { path: `${folder}/style.css`, type: 'text/css; charset=utf-8' },
    '/dashboard/uplot.js': { path: uplot, type: 'text/javascript; charset=utf-8' },
    '/dashboard/uplot.css': {
      path: uplot.replace(/uPlot\.iife\.min\.js$/, 'uPlot.min.css'),
      type: 'text/css; charset=utf-8',
    },
  };
}

/** The folder holding index.html: beside this module, or in src/ when running from dist/. */
function dashboardFolder(): string {
  const beside = fileURLToPath(new URL('./dashboard', import.meta.url));
  if (existsSync(`${beside}/index.html`)) return beside;
  return fileURLToPath(new URL('../../../src/observe/dashboard', import.meta.url));
}

/** `/dashboard`: the live page, its assets, and `/dashboard/data` that it polls. */
export function registerDashboardRoutes(server: FastifyInstance, options: DashboardOptions): void {
  for (const [url, file] of Object.entries(staticFiles())) {
    const body = readFileSync(file.path);
    server.get(url, { schema: { hide: true } }, (_request, reply) =>
      reply.header('content-type', file.type).header('cache-control', 'no-cache').send(body),
    );
  }

  server.get('/dashboard/', { schema: { hide: true } }, (_request, reply) =>
    reply.redirect('/dashboard'),
  );

  server.get(
    '/dashboard/data',
    {
      schema: { summary: 'The figures the dashboard polls: rates, histogram, states, rejections' },
    },
    () => dashboardData(options.stats, options.observer, options.clock),
  );
}
