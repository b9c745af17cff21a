import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { configToYaml } from '../../src/config/config-yaml.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load-config.js';
import { RULE_NAMES } from '../../src/protocol/rules.js';

// Compiled to dist/test/config/, three folders below the repository root.
const EXAMPLE = fileURLToPath(new URL('../../../voracious.example.yaml', import.meta.url));

test('voracious.example.yaml loads to exactly the defaults', async () => {
  const { config, source } = await loadConfig({ file: EXAMPLE, env: {} });

  assert.deepEqual(config, defaultConfig());
  assert.equal(source, `file ${EXAMPLE}`);
});

test('voracious.example.yaml explains every rule switch', async () => {
  const text = await readFile(EXAMPLE, 'utf8');

  for (const name of RULE_NAMES) {
    assert.match(text, new RegExp(`^ *# ${name}: true$`, 'm'), name);
  }
});

test('every key of voracious.example.yaml has a comment right above it', async () => {
  const lines = (await readFile(EXAMPLE, 'utf8')).split('\n');
  const config = defaultConfig() as unknown as Record<string, Record<string, unknown>>;

  for (const [section, keys] of Object.entries(config)) {
    const start = lines.indexOf(`${section}:`);
    assert.ok(start >= 0, `section ${section} is in the file`);

    for (const key of Object.keys(keys)) {
      const at = lines.findIndex((line, index) => index > start && line.startsWith(`  ${key}:`));
      assert.ok(at > start, `${section}.${key} is in the file`);
      assert.match(lines[at - 1] ?? '', /^ {2}# /, `${section}.${key} has a comment`);
    }
  }
});

test('the printed configuration loads back to the same configuration', () => {
  const config = defaultConfig();
  config.sequence.rules = { single_final: false };
  config.server.token = 'secret';

  assert.deepEqual(parse(configToYaml(config, 'flags')), config);
});
