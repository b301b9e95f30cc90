import { expect, test } from 'vitest';
import { entryProblems } from '../../scripts/check-entries.ts';

test('package.json exports and the build entries match the registry of APIs', async () => {
  expect(await entryProblems()).toEqual([]);
});
