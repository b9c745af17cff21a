import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VoraciousError } from '../../src/errors/catalogue.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load-config.js';
import { settingsFromText } from '../../src/config/settings-from-text.js';
import { validateConfig } from '../../src/config/validate-config.js';
import { RULE_NAMES } from '../../src/protocol/rules.js';

async function yamlFile(text: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'voracious-config-'));
  const file = join(folder, 'voracious.yaml');
  await writeFile(file, text);
  return file;
}

async function failureOf(promise: Promise<unknown>): Promise<VoraciousError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof VoraciousError, `not a VoraciousError: ${String(error)}`);
    assert.equal(error.code, 'VOR_ERR_CONFIG');
    return error;
  }
  assert.fail('the configuration was accepted');
}

async function fileFailure(text: string): Promise<{ file: string; message: string }> {
  const file = await yamlFile(text);
  const error = await failureOf(loadConfig({ file, env: {} }));
  return { file, message: error.message };
}

async function envFailure(env: Record<string, string>): Promise<string> {
  return (await failureOf(loadConfig({ env }))).message;
}

test('an unknown key in the file is named with the known keys', async () => {
  const { file, message } = await fileFailure('fleet:\n  aps: 3\n');

  assert.equal(
    message,
    `unknown key fleet.aps in ${file} (known: apps, prefix, width, first, only)`,
  );
});

test('a negative fleet size names the key, the value and the file', async () => {
  const { file, message } = await fileFailure('fleet:\n  apps: -3\n');

  assert.equal(message, `fleet.apps must be an integer from 1 to 1000000, got -3 (from ${file})`);
});

test('a port out of range from a flag names the flag', async () => {
  const flags = settingsFromText('server.port', '70000', 'flag --port', 'flag');

  const error = await failureOf(loadConfig({ env: {}, flags }));

  assert.equal(
    error.message,
    'server.port must be an integer from 0 to 65535, got 70000 (from flag --port)',
  );
});

test('an unknown environment variable is named with the known keys', async () => {
  const message = await envFailure({ VORACIOUS_FLEET_APS: '3' });

  assert.equal(
    message,
    'unknown key fleet.aps in environment variable VORACIOUS_FLEET_APS ' +
      '(known: apps, prefix, width, first, only)',
  );
});

test('an unknown section is named with the known sections', async () => {
  const { file, message } = await fileFailure('flet:\n  apps: 3\n');

  assert.equal(
    message,
    `unknown key flet in ${file} ` +
      '(known: server, log, fleet, sequence, measure, adjust, state, observe)',
  );
});

test('an unknown rule switch is named with the rule names', async () => {
  const { file, message } = await fileFailure('sequence:\n  rules:\n    single_finl: false\n');

  assert.equal(
    message,
    `unknown key sequence.rules.single_finl in ${file} ` + `(known: ${RULE_NAMES.join(', ')})`,
  );
});

test('bad enum values list the choices', async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { VORACIOUS_SEQUENCE_PROFILE: 'loose' },
      /^sequence\.profile must be one of strict, lenient, got "loose" \(from environment/,
    ],
    [
      { VORACIOUS_LOG_LEVEL: 'loud' },
      /^log\.level must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/,
    ],
    [
      { VORACIOUS_ADJUST_MODE: 'random' },
      /^adjust\.mode must be one of fixed, descriptor, got "random"/,
    ],
    [
      { VORACIOUS_SEQUENCE_REJECT_WITH: 'http-500' },
      /^sequence\.reject_with must be one of http-400, status-200, null, got "http-500"/,
    ],
  ];

  for (const [env, expected] of cases) {
    assert.match(await envFailure(env), expected);
  }
});

test('values of the wrong type name what was expected', async () => {
  const cases: [string, RegExp][] = [
    ['fleet:\n  apps: many\n', /^fleet\.apps must be an integer from 1 to 1000000, got "many"/],
    ['fleet:\n  apps: 2.5\n', /^fleet\.apps must be an integer from 1 to 1000000, got 2\.5/],
    ['fleet:\n  only: yes\n', /^fleet\.only must be true or false, got "yes"/],
    ['fleet:\n  width: 200\n', /^fleet\.width must be an integer from 0 to 128, got 200/],
    ['fleet:\n  first: -1\n', /^fleet\.first must be a non-negative integer, got -1/],
    ['server:\n  host: 5\n', /^server\.host must be a non-empty string, got 5/],
    [
      'server:\n  token: ""\n',
      /^server\.token must be a non-empty string, or null to accept every request, got ""/,
    ],
    ['server:\n  body_limit: 0\n', /^server\.body_limit must be a positive integer, got 0/],
    ['adjust:\n  state: [1, 2]\n', /^adjust\.state must be a mapping .*, got \[1,2\]/],
    ['adjust:\n  seed: -2\n', /^adjust\.seed must be a non-negative integer, got -2/],
    ['measure:\n  control: 3\n', /^measure\.control must be a mapping/],
    [
      'sequence:\n  rules:\n    single_final: "no"\n',
      /^sequence\.rules\.single_final must be true or false, got "no"/,
    ],
    ['sequence:\n  resync: 1\n', /^sequence\.resync must be true or false, got 1/],
    [
      'state:\n  flush_interval: 0\n',
      /^state\.flush_interval must be a positive integer of milliseconds or a duration like "250ms", "2s" or "1m", got 0/,
    ],
    ['state:\n  flush_interval: 2h\n', /^state\.flush_interval must be .*, got "2h"/],
    ['observe:\n  history_apps: -1\n', /^observe\.history_apps must be a non-negative integer/],
    ['observe:\n  rejections: x\n', /^observe\.rejections must be a non-negative integer/],
    ['fleet: 5\n', /^fleet must be a mapping of keys \(apps, prefix, width, first, only\), got 5/],
    ['- 1\n', /^the configuration must be a mapping of keys \(server, log, .*\), got \[1\]/],
  ];

  for (const [text, expected] of cases) {
    assert.match((await fileFailure(text)).message, expected, text);
  }
});

test('environment text that does not fit the key is quoted', async () => {
  assert.equal(
    await envFailure({ VORACIOUS_FLEET_APPS: 'lots' }),
    'fleet.apps must be an integer from 1 to 1000000, got "lots" (from environment variable VORACIOUS_FLEET_APPS)',
  );
  assert.match(
    await envFailure({ VORACIOUS_FLEET_ONLY: 'yes' }),
    /^fleet\.only must be true or false, got "yes"/,
  );
  assert.match(
    await envFailure({ VORACIOUS_SEQUENCE_RULES: '{oops' }),
    /^sequence\.rules must be a JSON object in environment variable VORACIOUS_SEQUENCE_RULES/,
  );
  assert.match(
    await envFailure({ VORACIOUS_ADJUST_STATE: '{oops' }),
    /^adjust\.state must be a mapping .*, got "\{oops" \(from environment variable/,
  );
});

test('a prefix giving invalid application names is refused', async () => {
  const { file, message } = await fileFailure('fleet:\n  prefix: "my app"\n');

  assert.equal(
    message,
    'fleet.prefix "my app" gives invalid application names such as "my app00004": use letters, digits, ".", "_" or "-" (fleet.prefix from ' +
      file +
      ')',
  );
});

test('a prefix and width giving names over 128 characters are refused', async () => {
  const { message } = await fileFailure(`fleet:\n  prefix: ${'a'.repeat(10)}\n  width: 120\n`);

  assert.ok(
    message.startsWith(
      'fleet.prefix and fleet.width give application names of 130 characters, over the limit of 128',
    ),
    message,
  );
});

test('a missing file is named', async () => {
  const error = await failureOf(loadConfig({ file: '/nonexistent/voracious.yaml', env: {} }));

  assert.equal(
    error.message,
    'cannot read configuration file /nonexistent/voracious.yaml: no such file',
  );
});

test("a file that is not YAML is named with the parser's reason", async () => {
  const { file, message } = await fileFailure('fleet: [\n');

  assert.ok(message.startsWith(`configuration file ${file} is not valid YAML: `), message);
  assert.ok(!message.includes('\n'), 'the message is one line');
});

test('a YAML alias to no anchor is one line saying the file is not valid YAML', async () => {
  const { file, message } = await fileFailure('*a\n');

  assert.equal(
    message,
    `configuration file ${file} is not valid YAML: ` +
      'Unresolved alias (the anchor must be set before the alias): a',
  );
});

test('a YAML file expanding too many aliases is refused as not valid YAML', async () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level < 8; level += 1) {
    const aliases = Array.from({ length: 10 }, () => `*a${level - 1}`).join(', ');
    lines.push(`a${level}: &a${level} [${aliases}]`);
  }

  const { file, message } = await fileFailure(`${lines.join('\n')}\n`);

  assert.ok(message.startsWith(`configuration file ${file} is not valid YAML: `), message);
  assert.ok(!message.includes('\n'), 'the message is one line');
});

test('fleet.apps over 1000000 is refused naming the maximum, and 1000000 is accepted', async () => {
  const over = settingsFromText('fleet.apps', '99999999999', 'flag --apps', 'flag');
  const most = settingsFromText('fleet.apps', '1000000', 'flag --apps', 'flag');

  const error = await failureOf(loadConfig({ env: {}, flags: over }));
  const { config } = await loadConfig({ env: {}, flags: most });

  assert.equal(
    error.message,
    'fleet.apps must be an integer from 1 to 1000000, got 99999999999 (from flag --apps)',
  );
  assert.equal(config.fleet.apps, 1_000_000);
});

test('an empty token is refused from the file, the environment and a flag', async () => {
  const expected =
    'server.token must be a non-empty string, or null to accept every request, got ""';
  const flags = settingsFromText('server.token', '', 'flag --token', 'flag');

  const fromFlag = await failureOf(loadConfig({ env: {}, flags }));
  const fromEnv = await envFailure({ VORACIOUS_SERVER_TOKEN: '' });
  const fromFile = await fileFailure('server:\n  token: ""\n');

  assert.equal(fromFlag.message, `${expected} (from flag --token)`);
  assert.equal(fromEnv, `${expected} (from environment variable VORACIOUS_SERVER_TOKEN)`);
  assert.equal(fromFile.message, `${expected} (from ${fromFile.file})`);
});

test('an empty state file name from the environment is refused, not read as null', async () => {
  assert.equal(
    await envFailure({ VORACIOUS_STATE_FILE: '' }),
    'state.file must be a non-empty string, or null to keep state in memory, got "" (from environment variable VORACIOUS_STATE_FILE)',
  );
});

test('integer text must be plain decimal digits, quoted as given otherwise', async () => {
  const cases: [string, string][] = [
    ['0x10', '"0x10"'],
    [' 7', '" 7"'],
    ['7 ', '"7 "'],
    ['+7', '"+7"'],
    ['1e3', '"1e3"'],
    ['7.0', '"7.0"'],
    ['', '""'],
    ['-3', '-3'],
  ];

  for (const [text, shown] of cases) {
    const flags = settingsFromText('fleet.apps', text, 'flag --apps', 'flag');
    const error = await failureOf(loadConfig({ env: {}, flags }));
    assert.equal(
      error.message,
      `fleet.apps must be an integer from 1 to 1000000, got ${shown} (from flag --apps)`,
      text,
    );
  }
});

test('integer environment text must be plain decimal digits too', async () => {
  assert.equal(
    await envFailure({ VORACIOUS_SERVER_PORT: '0x50' }),
    'server.port must be an integer from 0 to 65535, got "0x50" (from environment variable VORACIOUS_SERVER_PORT)',
  );
  assert.match(
    await envFailure({ VORACIOUS_STATE_FLUSH_INTERVAL: '0x10' }),
    /^state\.flush_interval must be .*, got "0x10" \(from environment variable/,
  );
});

test('an integer beyond safe integers is quoted as given, not rounded', async () => {
  const flags = settingsFromText('adjust.seed', '99999999999999999999', 'flag --seed', 'flag');

  const error = await failureOf(loadConfig({ env: {}, flags }));

  assert.equal(
    error.message,
    'adjust.seed must be a non-negative integer, got "99999999999999999999" (from flag --seed)',
  );
});

test('validateConfig refuses unknown and missing keys of a built configuration', () => {
  const extra = { ...defaultConfig(), fleet: { ...defaultConfig().fleet, size: 3 } };
  const missing: Record<string, unknown> = { ...defaultConfig() };
  delete missing.observe;

  assert.throws(
    () => validateConfig(extra),
    /^VoraciousError: unknown key fleet\.size \(known: apps, prefix, width, first, only\)$/,
  );
  assert.throws(() => validateConfig(missing), /observe is missing; expected a mapping of keys/);
});
