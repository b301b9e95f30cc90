import { describe, expect, test } from 'vitest';
import * as rivery from '../../src/apis/rivery/index';
import * as rynko from '../../src/apis/rynko/index';
import * as ryvion from '../../src/apis/ryvion/index';
import * as ryvn from '../../src/apis/ryvn/index';
import * as scrydon from '../../src/apis/scrydon/index';
import * as keycard from '../../src/index';

const errorNames = Object.entries(keycard)
  .filter(([, value]) => typeof value === 'function' && (value === keycard.KeycardError || value.prototype instanceof keycard.KeycardError))
  .map(([name]) => name);

describe.each([
  ['keycard/ryvn', ryvn, 'RyvnClient'],
  ['keycard/ryvion', ryvion, 'RyvionClient'],
  ['keycard/rivery', rivery, 'RiveryClient'],
  ['keycard/rynko', rynko, 'RynkoClient'],
  ['keycard/scrydon', scrydon, 'ScrydonClient'],
])('%s', (_entry, module, client) => {
  test('exports its client', () => {
    expect(typeof (module as Record<string, unknown>)[client]).toBe('function');
  });

  test('re-exports every error class of keycard, the same classes', () => {
    expect(errorNames.length).toBeGreaterThan(25);
    for (const name of errorNames) expect((module as Record<string, unknown>)[name], name).toBe((keycard as Record<string, unknown>)[name]);
    expect((module as Record<string, unknown>).isKeycardError).toBe(keycard.isKeycardError);
  });
});
