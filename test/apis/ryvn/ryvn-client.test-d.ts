import { describe, expectTypeOf, test } from 'vitest';
import type { MethodsNotReturningApiPromise } from '../../helpers/method-shape';
import {
  RyvnClient,
  type Installation,
  type Task,
  type TaskStatus,
  type Environment,
  type Organization,
  type ResourceSchema,
  type Secret,
  type Service,
} from '../../../src/apis/ryvn/index';
import type { ApiPromise, ApiResult } from '../../../src/index';

const ryvn = new RyvnClient({ clientId: 'id', clientSecret: 'secret', orgId: 'org' });

describe('named methods', () => {
  test('lists resolve to their items', () => {
    expectTypeOf(ryvn.listOrganizations()).toEqualTypeOf<ApiPromise<Organization[]>>();
    expectTypeOf(ryvn.listEnvironments()).toEqualTypeOf<ApiPromise<Environment[]>>();
    expectTypeOf(ryvn.listServices({ orgId: 'org' })).toEqualTypeOf<ApiPromise<Service[]>>();
    expectTypeOf(ryvn.listInstallations({ environment: 'production' })).toEqualTypeOf<ApiPromise<Installation[]>>();
    expectTypeOf(ryvn.listInstallationTasks('api', { status: 'pending_approval' })).toEqualTypeOf<ApiPromise<Task[]>>();
  });

  test('gets resolve to one resource', () => {
    expectTypeOf(ryvn.getOrganization()).resolves.toEqualTypeOf<Organization>();
    expectTypeOf(ryvn.getEnvironment('production')).resolves.toEqualTypeOf<Environment>();
    expectTypeOf(ryvn.getService('api')).resolves.toEqualTypeOf<Service>();
    expectTypeOf(ryvn.getInstallation('api', { environment: 'production' })).resolves.toEqualTypeOf<Installation>();
    expectTypeOf(ryvn.getTask('t-1')).resolves.toEqualTypeOf<Task>();
    expectTypeOf(ryvn.approveTask('t-1', { reason: 'ok' })).resolves.toEqualTypeOf<Task>();
    expectTypeOf(ryvn.cancelTask('t-1')).resolves.toEqualTypeOf<Task>();
    expectTypeOf(ryvn.retryTask('t-1')).resolves.toEqualTypeOf<Task>();
    expectTypeOf<Task['status']>().toEqualTypeOf<TaskStatus>();
    expectTypeOf<TaskStatus>().toEqualTypeOf<'pending' | 'pending_approval' | 'running' | 'succeeded' | 'failed' | 'cancelled'>();
  });

  test('updateSecret resolves to the metadata, and the Response stays reachable', () => {
    const update = ryvn.updateSecret('app', { add: { A: '1' }, remove: ['B'] });
    expectTypeOf(update).resolves.toEqualTypeOf<Secret>();
    expectTypeOf(update.withResponse()).resolves.toEqualTypeOf<ApiResult<Secret>>();
    expectTypeOf<Secret['keys']>().toEqualTypeOf<string[]>();
  });

  test('resourceSchema resolves to a JSON Schema object', () => {
    expectTypeOf(ryvn.resourceSchema()).resolves.toEqualTypeOf<ResourceSchema>();
    expectTypeOf<ResourceSchema['$schema']>().toEqualTypeOf<string | undefined>();
  });

  test('arguments are checked', () => {
    // @ts-expect-error — values are strings
    void ryvn.updateSecret('app', { add: { A: 1 } });
    // @ts-expect-error — remove lists keys
    void ryvn.updateSecret('app', { remove: 'A' });
    // @ts-expect-error — no such option
    void ryvn.listServices({ org: 'x' });
    // @ts-expect-error — the service name is required
    void ryvn.getService();
  });

  test('the spec-typed methods stay available', () => {
    expectTypeOf(ryvn.GET('/v1/orgs')).resolves.toEqualTypeOf<{ items: Organization[] }>();
  });
});

test('every named method that sends a request returns an ApiPromise', () => {
  expectTypeOf<MethodsNotReturningApiPromise<RyvnClient>>().toEqualTypeOf<never>();
});
