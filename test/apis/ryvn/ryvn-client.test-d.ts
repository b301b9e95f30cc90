import { describe, expectTypeOf, test } from 'vitest';
import type { MethodsNotReturningApiPromise } from '../../helpers/method-shape';
import {
  RyvnClient,
  type Deployment,
  type DeploymentStatus,
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
    expectTypeOf(ryvn.listDeployments({ environment: 'production', service: 'api' })).toEqualTypeOf<ApiPromise<Deployment[]>>();
  });

  test('gets resolve to one resource', () => {
    expectTypeOf(ryvn.getOrganization()).resolves.toEqualTypeOf<Organization>();
    expectTypeOf(ryvn.getEnvironment('production')).resolves.toEqualTypeOf<Environment>();
    expectTypeOf(ryvn.getService('api')).resolves.toEqualTypeOf<Service>();
    expectTypeOf(ryvn.getDeployment('dep_1', { environment: 'production' })).resolves.toEqualTypeOf<Deployment>();
    expectTypeOf<Deployment['status']>().toEqualTypeOf<DeploymentStatus>();
    expectTypeOf<DeploymentStatus>().toEqualTypeOf<'pending' | 'in_progress' | 'succeeded' | 'failed'>();
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
