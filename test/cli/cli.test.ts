import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_FLAGS, flagDefault } from '../../src/cli/config-flags.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { runMain } from './run-main.js';

const PACKAGE = new URL('../../../package.json', import.meta.url);

function assertListsEveryFlag(help: string): void {
  for (const flag of CONFIG_FLAGS) {
    const line = help.split('\n').findIndex((text) => text.startsWith(`  --${flag.name}`));
    assert.ok(line >= 0, `--${flag.name} is listed`);

    const entry = help
      .split('\n')
      .slice(line, line + 2)
      .join(' ');
    assert.ok(entry.includes(`default ${flagDefault(flag)}]`), `--${flag.name} shows its default`);
  }
}

test('--help lists every command and every flag with its default', async () => {
  const result = await runMain(['--help']);

  assert.equal(result.code, 0);
  assert.match(result.stdout, /^ {2}serve /m);
  assert.match(result.stdout, /^ {2}config /m);
  assert.match(result.stdout, /^ {2}--version /m);
  assertListsEveryFlag(result.stdout);
  assert.match(result.stdout, /\[fleet\.apps, default 5\]/);
  assert.match(result.stdout, /\[server\.port, default 8080\]/);
});

test('voracious with no arguments prints the help', async () => {
  const result = await runMain([]);

  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Usage: voracious <command> \[flags\]$/m);
});

test('serve --help and config --help list every flag with its default', async () => {
  for (const command of ['serve', 'config']) {
    const result = await runMain([command, '--help']);

    assert.equal(result.code, 0);
    assert.match(result.stdout, new RegExp(`^Usage: voracious ${command} \\[flags\\]$`, 'm'));
    assertListsEveryFlag(result.stdout);
  }
});

test('help serve prints the help of serve', async () => {
  const result = await runMain(['help', 'serve']);

  assert.equal(result.code, 0);
  assert.match(result.stdout, /^Usage: voracious serve \[flags\]$/m);
});

test('--version prints the version of package.json', async () => {
  const manifest = JSON.parse(await readFile(PACKAGE, 'utf8')) as { version: string };

  const result = await runMain(['--version']);

  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${manifest.version}\n`);
});

test('config prints the effective configuration as YAML with flags applied', async () => {
  const result = await runMain(['config', '--apps', '42', '--profile', 'lenient', '--resync']);

  const expected = defaultConfig();
  expected.fleet.apps = 42;
  expected.sequence.profile = 'lenient';
  expected.sequence.resync = true;
  assert.equal(result.code, 0);
  assert.deepEqual(parse(result.stdout), expected);
  assert.match(result.stdout, /^# effective configuration \(flags\)$/m);
});

test('config applies the environment under the flags', async () => {
  const env = { VORACIOUS_FLEET_APPS: '5000', VORACIOUS_SERVER_PORT: '9001' };

  const result = await runMain(['config', '--port=9002'], env);

  const printed = parse(result.stdout) as ReturnType<typeof defaultConfig>;
  assert.equal(printed.fleet.apps, 5000);
  assert.equal(printed.server.port, 9002);
  assert.match(result.stdout, /^# effective configuration \(env \+ flags\)$/m);
});

test('an unknown flag exits 2 naming the flag', async () => {
  const result = await runMain(['serve', '--bogus', '1']);

  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(
    result.stderr,
    'voracious: unknown flag --bogus for voracious serve; see voracious serve --help\n',
  );
});

test('an unknown command exits 2 naming it', async () => {
  const result = await runMain(['srve']);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /^voracious: unknown command "srve"; expected one of serve, config/);
});

test('a flag without its value exits 2', async () => {
  const result = await runMain(['config', '--port']);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /^voracious: flag --port needs a value/);
});

test('a bad configuration exits 1 with one line on stderr', async () => {
  const result = await runMain(['serve', '--apps=-3']);

  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  assert.equal(
    result.stderr,
    'voracious: fleet.apps must be an integer from 1 to 1000000, got -3 (from flag --apps)\n',
  );
});

test('a fleet over the maximum exits 1 naming the key, the value and the maximum', async () => {
  const result = await runMain(['serve', '--apps', '99999999999']);

  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    'voracious: fleet.apps must be an integer from 1 to 1000000, got 99999999999 (from flag --apps)\n',
  );
});

test('an empty --token exits 1 instead of turning authentication off', async () => {
  const result = await runMain(['serve', '--port', '0', '--token', '']);

  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    'voracious: server.token must be a non-empty string, or null to accept every request, got "" (from flag --token)\n',
  );
});

test('--token null sets the token "null"', async () => {
  const result = await runMain(['config', '--token', 'null']);

  assert.equal(result.code, 0);
  const printed = parse(result.stdout) as ReturnType<typeof defaultConfig>;
  assert.equal(printed.server.token, 'null');
});

test('a configuration file with an unresolved alias exits 1 with one line', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'voracious-cli-'));
  const file = join(folder, 'bad.yaml');
  await writeFile(file, '*a\n');

  const result = await runMain(['config', '--config', file]);

  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    `voracious: configuration file ${file} is not valid YAML: ` +
      'Unresolved alias (the anchor must be set before the alias): a\n',
  );
});

test('a missing configuration file exits 1 naming the file', async () => {
  const result = await runMain(['config', '--config', 'missing.yaml']);

  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    'voracious: cannot read configuration file missing.yaml: no such file\n',
  );
});

test('an unknown environment variable exits 1 naming it', async () => {
  const result = await runMain(['config'], { VORACIOUS_SEQUENCE_RULES_SINGLE_FINL: 'false' });

  assert.equal(result.code, 1);
  assert.ok(
    result.stderr.startsWith(
      'voracious: unknown key sequence.rules.single_finl in environment variable VORACIOUS_SEQUENCE_RULES_SINGLE_FINL (known: ',
    ),
    result.stderr,
  );
});
