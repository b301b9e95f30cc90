import { describe, expect, test } from 'vitest';
import { loadOptional, MissingPeerError } from '../../src/cli/load-optional';

describe('loadOptional', () => {
  test('an optional peer that is not installed is named, with how to install it', async () => {
    const loading = loadOptional('keycard-absent-peer', 'keycard-absent-peer', 'keycard sandbox');
    await expect(loading).rejects.toBeInstanceOf(MissingPeerError);
    await expect(loading).rejects.toThrow('keycard sandbox needs the optional peer dependency keycard-absent-peer: npm install keycard-absent-peer');
  });

  test('loads a module that is there', async () => {
    expect(await loadOptional<{ parseArgs: unknown }>('node:util', 'util', 'x')).toHaveProperty('parseArgs');
  });
});
