import { describe, expect, test } from 'vitest';
import { parseCall } from '../../src/cli/parse-call';
import { UsageError } from '../../src/cli/usage-error';

describe('parseCall', () => {
  test('reads the method, the path and repeated query parameters, a name given twice becoming a list', () => {
    expect(parseCall(['get', '/api/v1/jobs', '-q', 'status=completed', '-q', 'tag=a', '--query', 'tag=b'], 'keycard rynko')).toEqual({
      method: 'GET',
      path: '/api/v1/jobs',
      query: { status: 'completed', tag: ['a', 'b'] },
      data: undefined,
    });
  });

  test('keeps an = inside a query value', () => {
    expect(parseCall(['GET', '/x', '-q', 'filter=a=b'], 'keycard').query).toEqual({ filter: 'a=b' });
  });

  test('refuses an unknown method, a relative path, a body on GET and a query without a name', () => {
    expect(() => parseCall(['FETCH', '/x'], 'keycard')).toThrow(/expected a method/);
    expect(() => parseCall(['GET', 'x'], 'keycard')).toThrow(/path starting with \//);
    expect(() => parseCall(['GET', '/x', '-d', '{}'], 'keycard')).toThrow(/GET sends no body/);
    expect(() => parseCall(['GET', '/x', '-q', '=1'], 'keycard')).toThrow(UsageError);
  });
});
