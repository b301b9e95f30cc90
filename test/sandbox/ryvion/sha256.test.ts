import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { sha256Hex } from '../../../src/sandbox/ryvion/sha256';
test('the synchronous SHA-256 agrees with node:crypto across block boundaries', () => {
  for (const size of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 100_000]) {
    const data = randomBytes(size);
    expect(sha256Hex(new Uint8Array(data))).toBe(createHash('sha256').update(data).digest('hex'));
  }
});
