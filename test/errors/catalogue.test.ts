import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ERRORS, VoraciousError, type ErrorCode } from '../../src/errors/catalogue.js';

// Compiled to dist/test/errors/: the README is three levels up, at the repository root.
const README = new URL('../../../README.md', import.meta.url);

/** The rows of the README's `| code | status | meaning |` table, as code -> status. */
async function readmeErrorTable(): Promise<Map<string, number>> {
  const lines = (await readFile(README, 'utf8').catch(() => '')).split('\n');
  const header = lines.findIndex((line) =>
    /^\|\s*code\s*\|\s*status\s*\|\s*meaning\s*\|/i.test(line.trim()),
  );
  assert.ok(header >= 0, 'README.md has an error table with columns | code | status | meaning |');

  const rows = new Map<string, number>();
  for (const line of lines.slice(header + 2)) {
    if (!line.trim().startsWith('|')) break;
    const [code, status] = line
      .split('|')
      .slice(1)
      .map((cell) => cell.trim().replace(/`/g, ''));
    assert.ok(!rows.has(code!), `${code} is listed once`);
    rows.set(code!, Number(status));
  }
  return rows;
}

test('every catalogue code is in the README error table with the same status', async () => {
  const table = await readmeErrorTable();

  for (const [code, { status }] of Object.entries(ERRORS)) {
    assert.ok(table.has(code), `${code} is in the README table`);
    assert.equal(table.get(code), status, `${code} has status ${status} in the README`);
  }
});

test('every code in the README error table is in the catalogue', async () => {
  const table = await readmeErrorTable();

  for (const code of table.keys()) assert.ok(code in ERRORS, `${code} is in the catalogue`);
});

test('codes are stable VOR_ERR_ names with HTTP error statuses and non-empty templates', () => {
  for (const [code, { status, template }] of Object.entries(ERRORS)) {
    assert.match(code, /^VOR_ERR_[A-Z_]+$/);
    assert.ok(status >= 400 && status <= 599, `${code}: ${status}`);
    assert.ok(template.length > 0);
  }
});

test('an error fills its template and has the one body shape: code, message, details', () => {
  const error = new VoraciousError('VOR_ERR_EVENT_UNKNOWN', {
    value: 'RESTART',
    expected: ['HELLO', 'GOODBYE'],
  });

  assert.equal(error.statusCode, 400);
  assert.equal(error.message, 'unknown event "RESTART"; expected one of HELLO, GOODBYE');
  assert.deepEqual(error.body(), {
    code: 'VOR_ERR_EVENT_UNKNOWN',
    message: error.message,
    value: 'RESTART',
    expected: ['HELLO', 'GOODBYE'],
  });
});

test('every template placeholder is filled when its detail is given', () => {
  for (const code of Object.keys(ERRORS) as ErrorCode[]) {
    const names = [...ERRORS[code].template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const details = Object.fromEntries(names.map((name) => [name, 'x']));

    assert.doesNotMatch(new VoraciousError(code, details).message, /\{\w+\}/, code);
  }
});
