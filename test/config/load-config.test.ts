import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load-config.js';
import { settingsFromText } from '../../src/config/settings-from-text.js';

async function yamlFile(text: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'voracious-config-'));
  const file = join(folder, 'voracious.yaml');
  await writeFile(file, text);
  return file;
}

test('defaults alone give defaultConfig and the source "defaults"', async () => {
  const loaded = await loadConfig({ env: {} });

  assert.deepEqual(loaded.config, defaultConfig());
  assert.equal(loaded.source, 'defaults');
});

test('flags win over the environment, which wins over the file', async () => {
  const file = await yamlFile(
    'fleet:\n  apps: 10\nserver:\n  port: 9000\n' + 'sequence:\n  profile: lenient\n',
  );
  const env = { VORACIOUS_FLEET_APPS: '20', VORACIOUS_SERVER_PORT: '9100' };
  const flags = settingsFromText('fleet.apps', '30', 'flag --apps', 'flag');

  const { config, source } = await loadConfig({ file, env, flags });

  assert.equal(config.fleet.apps, 30);
  assert.equal(config.server.port, 9100);
  assert.equal(config.sequence.profile, 'lenient');
  assert.equal(source, `file ${file} + env + flags`);
});

test('rule switches merge one by one across layers', async () => {
  const file = await yamlFile('sequence:\n  rules:\n    single_final: false\n');
  const env = { VORACIOUS_SEQUENCE_RULES_PROGRESS_IN_RANGE: 'false' };

  const { config } = await loadConfig({ file, env });

  assert.deepEqual(config.sequence.rules, { single_final: false, progress_in_range: false });
});

test('a group of keys takes a JSON object from the environment', async () => {
  const env = {
    VORACIOUS_SEQUENCE_RULES: '{"progress_monotonic": false}',
    VORACIOUS_FLEET: '{"apps": 7, "prefix": "svc-"}',
    VORACIOUS_MEASURE_CONTROL: '{"duration": 5}',
  };

  const { config, source } = await loadConfig({ env });

  assert.deepEqual(config.sequence.rules, { progress_monotonic: false });
  assert.equal(config.fleet.apps, 7);
  assert.equal(config.fleet.prefix, 'svc-');
  assert.deepEqual(config.measure.control, { duration: 5 });
  assert.equal(source, 'env');
});

test('environment text is read by the type of its key', async () => {
  const env = {
    VORACIOUS_FLEET_ONLY: 'true',
    VORACIOUS_STATE_FILE: 'state.db',
    VORACIOUS_SERVER_TOKEN: 'secret',
    VORACIOUS_SEQUENCE_REJECT_WITH: 'status-200',
    VORACIOUS_SERVER_BODY_LIMIT: '2048',
    VORACIOUS_STATE_FLUSH_INTERVAL: '2s',
  };

  const { config } = await loadConfig({ env });

  assert.equal(config.fleet.only, true);
  assert.equal(config.state.file, 'state.db');
  assert.equal(config.server.token, 'secret');
  assert.equal(config.sequence.reject_with, 'status-200');
  assert.equal(config.server.body_limit, 2048);
  assert.equal(config.state.flush_interval, 2000);
});

test('null in the environment clears a nullable key set by the file', async () => {
  const file = await yamlFile('state:\n  file: kept.db\nsequence:\n  reject_with: http-400\n');
  const env = { VORACIOUS_STATE_FILE: 'null', VORACIOUS_SEQUENCE_REJECT_WITH: 'null' };

  const { config } = await loadConfig({ file, env });

  assert.equal(config.state.file, null);
  assert.equal(config.sequence.reject_with, null);
});

test('a flag takes the word null literally for a string key, the environment as null', async () => {
  const flags = [
    ...settingsFromText('server.token', 'null', 'flag --token', 'flag'),
    ...settingsFromText('state.file', 'null', 'flag --state-file', 'flag'),
  ];

  const fromFlags = await loadConfig({ env: {}, flags });
  const fromEnv = await loadConfig({ env: { VORACIOUS_SERVER_TOKEN: 'null' } });

  assert.equal(fromFlags.config.server.token, 'null');
  assert.equal(fromFlags.config.state.file, 'null');
  assert.equal(fromEnv.config.server.token, null);
});

test('integer text of plain decimal digits is read as its number', async () => {
  const env = { VORACIOUS_FLEET_APPS: '007', VORACIOUS_FLEET_FIRST: '-0' };

  const { config } = await loadConfig({ env });

  assert.equal(config.fleet.apps, 7);
  assert.ok(Object.is(config.fleet.first, 0), 'minus zero is zero');
});

test('VORACIOUS_CONFIG names the file, and --config wins over it', async () => {
  const fromEnv = await yamlFile('fleet:\n  apps: 11\n');
  const fromFlag = await yamlFile('fleet:\n  apps: 12\n');

  const viaEnv = await loadConfig({ env: { VORACIOUS_CONFIG: fromEnv } });
  const viaFlag = await loadConfig({ file: fromFlag, env: { VORACIOUS_CONFIG: fromEnv } });

  assert.equal(viaEnv.config.fleet.apps, 11);
  assert.equal(viaEnv.source, `file ${fromEnv}`);
  assert.equal(viaFlag.config.fleet.apps, 12);
});

test('a mapping value replaces the default whole', async () => {
  const file = await yamlFile('adjust:\n  state:\n    application:\n      components: {}\n');

  const { config } = await loadConfig({ file, env: {} });

  assert.deepEqual(config.adjust.state, { application: { components: {} } });
});

test('durations accept milliseconds and unit suffixes', async () => {
  const cases: [string, number][] = [
    ['400', 400],
    ['"250ms"', 250],
    ['"1.5s"', 1500],
    ['"1m"', 60_000],
  ];

  for (const [text, ms] of cases) {
    const file = await yamlFile(`state:\n  flush_interval: ${text}\n`);
    const { config } = await loadConfig({ file, env: {} });
    assert.equal(config.state.flush_interval, ms, text);
  }
});

test('an empty file or an empty section leaves the defaults', async () => {
  const empty = await yamlFile('');
  const emptySection = await yamlFile('fleet:\n  # apps: 9\n');

  assert.deepEqual((await loadConfig({ file: empty, env: {} })).config, defaultConfig());
  assert.deepEqual((await loadConfig({ file: emptySection, env: {} })).config, defaultConfig());
});

test('loading never changes the defaults it starts from', async () => {
  await loadConfig({ env: { VORACIOUS_SEQUENCE_RULES_SINGLE_FINAL: 'false' } });

  assert.deepEqual(defaultConfig().sequence.rules, {});
});
