import { emulatorState } from '../emulator-kit';
import { ryvnCredentials } from './ryvn-credentials';

/** A secret as the sandbox keeps it; only its metadata ever leaves the emulator. */
export interface StoredSecret {
  name: string;
  version: number;
  values: Map<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** A deployment's fixed facts; its status is derived from the sandbox clock when it is read. */
export interface StoredDeployment {
  id: string;
  serviceName: string;
  environmentName: string;
  version: string;
  startedAt: number;
  outcome: 'succeeded' | 'failed';
  message?: string;
}

/** The Ryvn sandbox's data: one organization, its environments, services, deployments and secrets. */
export interface RyvnState {
  org: { id: string; name: string; createdAt: number };
  environments: { id: string; name: string; provider: string; region: string; createdAt: number }[];
  services: { id: string; name: string; type: string; repository?: string; createdAt: number }[];
  deployments: StoredDeployment[];
  secrets: Map<string, StoredSecret>;
}

/** A deployment is `pending` for its first 2 s and `in_progress` until 30 s, then done. */
export const deploymentTimeline = { pendingMs: 2_000, doneMs: 30_000 } as const;

const hour = 3_600_000;
const day = 24 * hour;

function seed(now: number): RyvnState {
  return {
    org: { id: ryvnCredentials.orgId, name: 'Sandbox', createdAt: now - 90 * day },
    environments: [
      { id: 'env_prd01', name: 'production', provider: 'aws', region: 'us-east-1', createdAt: now - 80 * day },
      { id: 'env_stg01', name: 'staging', provider: 'aws', region: 'eu-west-1', createdAt: now - 80 * day },
    ],
    services: [
      { id: 'svc_api01', name: 'api', type: 'server', repository: 'github.com/acme/api', createdAt: now - 70 * day },
      { id: 'svc_web01', name: 'web', type: 'web-app', repository: 'github.com/acme/web', createdAt: now - 70 * day },
      { id: 'svc_wrk01', name: 'worker', type: 'job', createdAt: now - 60 * day },
    ],
    deployments: [
      { id: 'dep_4f1c2a', serviceName: 'api', environmentName: 'production', version: '1.4.1', startedAt: now - 2 * day, outcome: 'succeeded' },
      {
        id: 'dep_9b7e31',
        serviceName: 'worker',
        environmentName: 'staging',
        version: '0.9.0',
        startedAt: now - 3 * hour,
        outcome: 'failed',
        message: 'image ghcr.io/acme/worker:0.9.0 not found',
      },
      // Starts with the first Ryvn request after a start or reset, so that its progress can be watched.
      { id: 'dep_c3d8e5', serviceName: 'api', environmentName: 'production', version: '1.4.2', startedAt: now, outcome: 'succeeded' },
    ],
    secrets: new Map([
      [
        'app-secrets',
        {
          name: 'app-secrets',
          version: 3,
          values: new Map([
            ['DATABASE_URL', 'postgres://app:sandbox@db.internal/app'],
            ['SESSION_KEY', 'sandbox-session-key'],
          ]),
          createdAt: now - 30 * day,
          updatedAt: now - day,
        },
      ],
    ]),
  };
}

/** The Ryvn data of one sandbox, seeded on first use and again after `control.reset()`. */
export const ryvnState = emulatorState('ryvn', (control): RyvnState => seed(control.now()));

const iso = (ms: number) => new Date(ms).toISOString();

/** A deployment as the API shows it at `now`. */
export function deploymentView(deployment: StoredDeployment, now: number) {
  const age = now - deployment.startedAt;
  const { pendingMs, doneMs } = deploymentTimeline;
  const done = age >= doneMs;
  const status = age < pendingMs ? 'pending' : done ? deployment.outcome : 'in_progress';
  return {
    id: deployment.id,
    serviceName: deployment.serviceName,
    environmentName: deployment.environmentName,
    version: deployment.version,
    status,
    ...(done && deployment.message !== undefined ? { message: deployment.message } : {}),
    createdAt: iso(deployment.startedAt),
    updatedAt: iso(deployment.startedAt + (done ? doneMs : age < pendingMs ? 0 : pendingMs)),
    ...(done ? { finishedAt: iso(deployment.startedAt + doneMs) } : {}),
  };
}

/** A secret's metadata: never its values. */
export function secretView(secret: StoredSecret) {
  return {
    name: secret.name,
    version: secret.version,
    keys: [...secret.values.keys()].sort(),
    createdAt: iso(secret.createdAt),
    updatedAt: iso(secret.updatedAt),
  };
}

/** Any other record with epoch-ms dates, as JSON with ISO dates. */
export function withIsoDates<T extends { createdAt: number }>(record: T): Omit<T, 'createdAt'> & { createdAt: string } {
  return { ...record, createdAt: iso(record.createdAt) };
}
