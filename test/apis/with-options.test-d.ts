import { describe, expectTypeOf, test } from 'vitest';
import { RiveryClient, type RiveryClientOptions } from '../../src/apis/rivery/index';
import { RynkoClient, type RynkoClientOptions } from '../../src/apis/rynko/index';
import { RyvionClient, type RyvionClientOptions } from '../../src/apis/ryvion/index';
import { RyvnClient, type RyvnClientOptions } from '../../src/apis/ryvn/index';
import { ScrydonClient, type ScrydonClientOptions } from '../../src/apis/scrydon/index';

describe('withOptions()', () => {
  test('returns the same client class, named methods included', () => {
    expectTypeOf(new RyvnClient().withOptions({ timeoutMs: 1 })).toEqualTypeOf<RyvnClient>();
    expectTypeOf(new RyvionClient().withOptions({ timeoutMs: 1 })).toEqualTypeOf<RyvionClient>();
    expectTypeOf(new RiveryClient().withOptions({ timeoutMs: 1 })).toEqualTypeOf<RiveryClient>();
    expectTypeOf(new RynkoClient().withOptions({ timeoutMs: 1 })).toEqualTypeOf<RynkoClient>();
    expectTypeOf(new ScrydonClient().withOptions({ timeoutMs: 1 })).toEqualTypeOf<ScrydonClient>();
  });

  test('the constructors take options only', () => {
    expectTypeOf<ConstructorParameters<typeof RyvnClient>>().toEqualTypeOf<[options?: RyvnClientOptions]>();
    expectTypeOf<ConstructorParameters<typeof RyvionClient>>().toEqualTypeOf<[options?: RyvionClientOptions]>();
    expectTypeOf<ConstructorParameters<typeof RiveryClient>>().toEqualTypeOf<[options?: RiveryClientOptions]>();
    expectTypeOf<ConstructorParameters<typeof RynkoClient>>().toEqualTypeOf<[options?: RynkoClientOptions]>();
    expectTypeOf<ConstructorParameters<typeof ScrydonClient>>().toEqualTypeOf<[options?: ScrydonClientOptions]>();
  });
});
