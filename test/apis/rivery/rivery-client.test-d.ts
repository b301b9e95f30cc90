import { expectTypeOf, test } from 'vitest';
import type { MethodsNotReturningApiPromise } from '../../helpers/method-shape';
import { RiveryClient, type ApiPromise, type PagePromise, type Me, type Operation, type River, type RiverPage, type RiverRun, type RiverRunLogs, type RiverRunResult, type Run, type V1RunStatus } from '../../../src/apis/rivery/index';

const rivery = new RiveryClient({ apiToken: 'token' });

test('the named methods resolve to the spec’s schemas', () => {
  expectTypeOf(rivery.me()).resolves.toEqualTypeOf<Me>();
  expectTypeOf(rivery.runRiver('id')).resolves.toEqualTypeOf<Run>();
  expectTypeOf(rivery.checkRun('id')).resolves.toEqualTypeOf<Run>();
  expectTypeOf(rivery.cancelRun('id')).resolves.toEqualTypeOf<Run>();
  expectTypeOf(rivery.waitForRun('id')).resolves.toEqualTypeOf<Run>();
  expectTypeOf(rivery.listRivers()).toEqualTypeOf<PagePromise<RiverPage, River>>();
  expectTypeOf(rivery.listRivers()).resolves.toEqualTypeOf<RiverPage>();
  expectTypeOf(rivery.listRivers()).toExtend<AsyncIterable<River>>();
  expectTypeOf(rivery.getRiver('id')).resolves.toEqualTypeOf<River>();
  expectTypeOf(rivery.runRiverV1('id')).resolves.toEqualTypeOf<RiverRunResult>();
  expectTypeOf(rivery.getOperation('id')).resolves.toEqualTypeOf<Operation>();
});

test('every named method that sends a request returns an ApiPromise', () => {
  expectTypeOf(rivery.me()).toEqualTypeOf<ApiPromise<Me>>();
  expectTypeOf(rivery.runRiver('id')).toEqualTypeOf<ApiPromise<Run>>();
  expectTypeOf(rivery.checkRun('id')).toEqualTypeOf<ApiPromise<Run>>();
  expectTypeOf(rivery.cancelRun('id')).toEqualTypeOf<ApiPromise<Run>>();
  expectTypeOf(rivery.waitForRun('id')).toEqualTypeOf<ApiPromise<Run>>();
  expectTypeOf(rivery.getRiver('id')).toEqualTypeOf<ApiPromise<River>>();
  expectTypeOf(rivery.runRiverV1('id')).toEqualTypeOf<ApiPromise<RiverRunResult>>();
  expectTypeOf(rivery.getOperation('id')).toEqualTypeOf<ApiPromise<Operation>>();
});

test('waitForRun resolves to the kind of run it was given', () => {
  const legacy = {} as Run;
  const group = {} as RiverRunResult;
  const v1 = {} as RiverRun;
  expectTypeOf(rivery.waitForRun(legacy)).toEqualTypeOf<ApiPromise<Run>>();
  expectTypeOf(rivery.waitForRun(group)).toEqualTypeOf<ApiPromise<RiverRun>>();
  expectTypeOf(rivery.waitForRun(v1)).toEqualTypeOf<ApiPromise<RiverRun>>();
  expectTypeOf(rivery.waitForRun({ river_cross_id: 'r', run_id: 'x' })).toEqualTypeOf<ApiPromise<RiverRun>>();
  rivery.waitForRun(group, { onProgress: (run) => expectTypeOf(run).toEqualTypeOf<RiverRun>() });
});

test('the v1 run methods return the spec’s schemas', () => {
  expectTypeOf(rivery.getRiverRun('r', 'x')).toEqualTypeOf<ApiPromise<RiverRun>>();
  expectTypeOf(rivery.getRiverRunLogs('r', 'x')).toEqualTypeOf<ApiPromise<RiverRunLogs>>();
  expectTypeOf(rivery.cancelRiverRun('r', 'x')).toEqualTypeOf<ApiPromise<Operation>>();
  expectTypeOf(rivery.cancelRunGroup('r', 'g')).toEqualTypeOf<ApiPromise<Operation>>();
  expectTypeOf(rivery.getRunLogs('x')).toEqualTypeOf<ApiPromise<string>>();
  expectTypeOf<V1RunStatus>().toEqualTypeOf<'pending' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'skipped' | 'partially succeeded'>();
});

test('statuses are the published enum', () => {
  expectTypeOf<Run['river_run_status']>().toEqualTypeOf<'W' | 'R' | 'D' | 'E' | 'F'>();
  expectTypeOf<Operation['status']>().toEqualTypeOf<'W' | 'R' | 'D' | 'E'>();
});

test('typed calls reach both hosts’ paths', () => {
  expectTypeOf(rivery.GET('/check_run', { params: { query: { run_id: 'id' } } }))
    .resolves.toHaveProperty('river_run_status')
    .toEqualTypeOf<Run['river_run_status']>();
  expectTypeOf(rivery.GET('/v1/accounts/{account_id}/environments/{environment_id}/rivers', { params: { path: { account_id: 'a', environment_id: 'e' } } }))
    .resolves.toHaveProperty('next_page')
    .toEqualTypeOf<number | string | null>();
  // @ts-expect-error /run is POST only
  void rivery.GET('/run');
  // @ts-expect-error a run needs its river
  void rivery.POST('/run', { body: {} });
});

test('options are checked by type', () => {
  // @ts-expect-error regions are a closed set
  void new RiveryClient({ apiToken: 'token', region: 'us-east-1' });
  // @ts-expect-error units are in the names
  void new RiveryClient({ apiToken: 'token', timeout: 5 });
});

test('every named method that sends a request returns an ApiPromise', () => {
  expectTypeOf<MethodsNotReturningApiPromise<RiveryClient>>().toEqualTypeOf<never>();
});
