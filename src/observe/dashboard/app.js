// The Voracious dashboard: polls /dashboard/data and draws it. Plain script, no build step.
'use strict';

const POLL_MS = 1000;
const RATE_POINTS = 120;
const COLOURS = ['#3b82f6', '#10b981', '#f59e0b', '#8b5cf6', '#ef4444', '#06b6d4', '#84cc16',
  '#ec4899', '#64748b', '#111827'];

const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('en');
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

let previous = null;
let rateChart = null;
let histogramChart = null;
const rateData = [[]];

/** Creates an element with text and optional class; pages never build HTML from strings. */
function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function appLink(account, app) {
  const link = element('a', `${account}/${app}`);
  link.href = `#/apps/${encodeURIComponent(account)}/${encodeURIComponent(app)}`;
  return link;
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || `${response.status} from ${url}`);
  return body;
}

// Fleet view

function showFigures(data, rate) {
  $('apps').textContent = number.format(data.apps);
  $('rate').textContent = rate === null ? '–' : number.format(Math.round(rate));
  $('cycles').textContent = number.format(data.cycles.total);
  const { min, mean, max, fairness } = data.cycles;
  $('spread').textContent = `${min} / ${decimal.format(mean)} / ${max}`;
  $('fairness').textContent = fairness === null ? '–' : fairness.toFixed(4);
  $('failures').textContent = number.format(data.failures);
  $('rejected').textContent = number.format(data.rejected);
  $('bad-requests').textContent = number.format(data.bad_requests);
}

/** Requests per second by event since the previous poll; null on the first poll. */
function ratesSince(data) {
  if (previous === null || data.time <= previous.time) return null;
  const seconds = (data.time - previous.time) / 1000;
  const rates = {};
  for (const [event, count] of Object.entries(data.requests)) {
    rates[event] = Math.max(0, count - (previous.requests[event] ?? 0)) / seconds;
  }
  return rates;
}

function createRateChart(events) {
  const series = [{}].concat(events.map((event, index) => ({
    label: event, stroke: COLOURS[index % COLOURS.length], width: 1.5,
  })));
  events.forEach(() => rateData.push([]));
  const width = $('rate-chart').clientWidth || 800;
  const options = {
    width, height: 240, series, legend: { live: false }, scales: { x: { time: true } },
  };
  return new uPlot(options, rateData, $('rate-chart'));
}

function showRates(data, rates) {
  const events = Object.keys(data.requests);
  if (rateChart === null) rateChart = createRateChart(events);
  if (rates === null) return;

  rateData[0].push(data.time / 1000);
  events.forEach((event, index) => rateData[index + 1]?.push(rates[event] ?? 0));
  for (const column of rateData) if (column.length > RATE_POINTS) column.shift();
  rateChart.setData(rateData);
}

function showHistogram(histogram) {
  const starts = histogram.counts.map((_, index) => histogram.first + index * histogram.width);
  const data = [starts, histogram.counts];
  if (histogramChart !== null) {
    histogramChart.setData(data);
    return;
  }

  const width = $('histogram-chart').clientWidth || 400;
  histogramChart = new uPlot({
    width,
    height: 220,
    legend: { live: false },
    scales: { x: { time: false } },
    axes: [{ label: histogram.width === 1 ? 'cycles' : 'cycles (bucket start)' }, {}],
    series: [{ label: 'cycles' }, {
      label: 'apps', fill: '#7aa2f7', stroke: '#3b6fd8',
      paths: uPlot.paths.bars({ size: [0.8, 60] }), points: { show: false },
    }],
  }, data, $('histogram-chart'));
}

function showStates(states) {
  const table = $('states');
  const most = Math.max(1, ...Object.values(states));
  table.replaceChildren(...Object.entries(states).map(([state, count]) => {
    const row = element('tr');
    const bar = element('div', undefined, 'bar');
    bar.style.width = `${(100 * count) / most}%`;
    const barCell = element('td');
    barCell.style.width = '50%';
    barCell.append(bar);
    row.append(element('td', state), element('td', number.format(count), 'number'), barCell);
    return row;
  }));
}

function showRejections(rejections) {
  const list = $('rejections');
  if (rejections.length === 0) {
    list.replaceChildren(element('li', 'none so far', 'muted'));
    return;
  }
  list.replaceChildren(...rejections.map((rejection) => {
    const item = element('li');
    const when = element('span', `${rejection.time.slice(11, 19)} `, 'muted');
    item.append(when, appLink(rejection.account, rejection.app), ' ',
      element('code', rejection.code), ` ${rejection.event} in ${rejection.state}: `,
      element('span', rejection.message));
    return item;
  }));
}

function showFleet(data) {
  const rates = ratesSince(data);
  const total = rates === null ? null : Object.values(rates).reduce((sum, rate) => sum + rate, 0);
  showFigures(data, total);
  showRates(data, rates);
  showHistogram(data.histogram);
  showStates(data.states);
  showRejections(data.rejections);
  previous = data;
}

// Application view

function factRow(name, value) {
  const row = element('tr');
  row.append(element('th', name), element('td', value === null ? '–' : String(value)));
  return row;
}

function showApp(details) {
  $('app-title').textContent = `${details.account}/${details.app}`;
  const command = details.command === null ? null
    : `${details.command.cmd} (${details.command.status}` +
      `${details.command.cmd_uid === null ? '' : `, cmd_uid ${details.command.cmd_uid}`})`;
  $('app-facts').replaceChildren(
    factRow('state', details.state),
    factRow('command', command),
    factRow('progress', details.progress),
    factRow('cycles', details.cycles),
    factRow('failures', details.failures),
    factRow('rejections', details.rejections),
    factRow('first seen', details.first_seen),
    factRow('last seen', details.last_seen),
  );

  $('app-history-note').hidden = details.history_kept;
  $('app-events').tBodies[0].replaceChildren(...details.events.slice().reverse().map((event) => {
    const row = element('tr', undefined, event.outcome === 'rejected' ? 'rejected' : '');
    const answer = element('td');
    answer.append(element('pre', JSON.stringify(event.answer)));
    const outcome = event.code === null ? event.outcome : `${event.outcome} ${event.code}`;
    row.append(element('td', event.time.slice(11, 23)), element('td', event.event),
      element('td', outcome), answer);
    return row;
  }));
}

async function refreshApp(account, app) {
  try {
    showApp(await fetchJson(`/apps/${encodeURIComponent(account)}/${encodeURIComponent(app)}`));
    $('app-error').hidden = true;
  } catch (error) {
    $('app-title').textContent = `${account}/${app}`;
    $('app-error').textContent = error.message;
    $('app-error').hidden = false;
  }
}

// Search

async function search(text) {
  const query = text.trim();
  if (query.includes('/')) {
    const [account, app] = query.split('/', 2);
    location.hash = `#/apps/${encodeURIComponent(account)}/${encodeURIComponent(app)}`;
    return;
  }

  const page = await fetchJson(`/apps?app=${encodeURIComponent(query)}&limit=20`);
  if (page.apps.length === 1) {
    const [only] = page.apps;
    location.hash = `#/apps/${encodeURIComponent(only.account)}/${encodeURIComponent(only.app)}`;
    return;
  }
  location.hash = `#/search/${encodeURIComponent(query)}`;
  $('search-title').textContent = `${page.apps.length} applications named "${query}"`;
  $('search-results').replaceChildren(...page.apps.map((found) => {
    const item = element('li');
    item.append(appLink(found.account, found.app), ` ${found.state}, ${found.cycles} cycles`);
    return item;
  }));
}

// Routing and polling

function currentRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'apps' && parts.length === 3) {
    return { view: 'app', account: parts[1], app: parts[2] };
  }
  if (parts[0] === 'search') return { view: 'search' };
  return { view: 'fleet' };
}

function showView(view) {
  $('fleet-view').hidden = view !== 'fleet';
  $('app-view').hidden = view !== 'app';
  $('search-view').hidden = view !== 'search';
}

async function poll() {
  try {
    const data = await fetchJson('/dashboard/data');
    showFleet(data);
    const route = currentRoute();
    if (route.view === 'app') await refreshApp(route.account, route.app);
    $('status').textContent = `updated ${new Date(data.time).toLocaleTimeString()}`;
  } catch (error) {
    $('status').textContent = `no answer: ${error.message}`;
  }
  setTimeout(poll, POLL_MS);
}

function route() {
  const current = currentRoute();
  showView(current.view);
  if (current.view === 'app') refreshApp(current.account, current.app);
}

$('search').addEventListener('submit', (event) => {
  event.preventDefault();
  search($('search-input').value).catch((error) => {
    $('status').textContent = error.message;
  });
});
window.addEventListener('hashchange', route);
route();
poll();
