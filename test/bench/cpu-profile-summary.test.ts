import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topSelfTime } from '../../bench/cpu-profile-summary.js';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 9 });

test('self time is summed per function across the nodes it appears in', () => {
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('parse', 'file:///x/node_modules/lib/parse.js') },
      { id: 3, callFrame: frame('parse', 'file:///x/node_modules/lib/parse.js') },
      { id: 4, callFrame: frame('') },
    ],
    samples: [2, 3, 4, 2, 1],
    timeDeltas: [0, 100, 200, 300, 400],
  };

  const top = topSelfTime(profile, 2);

  assert.deepEqual(
    top.map((entry) => [entry.name, entry.ms]),
    [
      ['parse lib/parse.js:10', 0.7],
      ['(anonymous)', 0.3],
    ],
  );
  assert.equal(top[0]?.share, 0.7);
});
