import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyIndex } from '../../src/store/key-index.js';

/** A small deterministic generator, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('the key index agrees with a Map through adds, lookups and removals of the last key', () => {
  const index = new KeyIndex();
  const oracle = new Map<string, number>();
  const order: string[] = [];
  const next = random(7);

  for (let step = 0; step < 60_000; step++) {
    const key = `acct${Math.floor(next() * 5)}/app${Math.floor(next() * 40_000)}`;
    const roll = next();
    if (roll < 0.1 && order.length > 0) {
      const last = order.pop()!;
      oracle.delete(last);
      index.removeLast();
    } else if (!oracle.has(key)) {
      oracle.set(key, order.length);
      order.push(key);
      assert.equal(index.add(key), oracle.get(key));
    }
    assert.equal(index.find(key), oracle.get(key) ?? -1, key);
  }

  assert.equal(index.size, oracle.size);
  for (const [key, slot] of oracle) {
    assert.equal(index.find(key), slot);
    assert.equal(index.keyAt(slot), key);
  }
});

test('a cleared key index is empty and takes keys again from slot 0', () => {
  const index = new KeyIndex();
  for (let i = 0; i < 3000; i++) index.add(`a/app${i}`);

  index.clear();

  assert.equal(index.size, 0);
  assert.equal(index.find('a/app1'), -1);
  assert.equal(index.add('a/app2'), 0);
  assert.equal(index.keyAt(0), 'a/app2');
  assert.throws(() => index.keyAt(1), RangeError);
});

test('keys outside ASCII are refused rather than stored mangled', () => {
  assert.throws(() => new KeyIndex().add('a/äpp'), /ASCII/);
});
