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

/** A service installed in an environment. */
export interface StoredInstallation {
  name: string;
  environmentName: string;
  serviceName: string;
  version: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A task's facts; its status is derived from the sandbox clock when it is read. A task that waits
 * for approval has no `startedAt`; approving or retrying it sets one.
 */
export interface StoredTask {
  id: string;
  type: 'deploy' | 'update' | 'delete' | 'provision' | 'dry_run';
  installationName: string;
  environmentName: string;
  version: string;
  createdAt: number;
  startedAt?: number;
  cancelledAt?: number;
  outcome: 'succeeded' | 'failed';
  message?: string;
  reason?: string;
  updatedAt: number;
}

/** The Ryvn sandbox's data: one organization, its environments, services, installations, their tasks, and secrets. */
export interface RyvnState {
  org: { id: string; name: string; createdAt: number };
  environments: { id: string; name: string; provider: string; region: string; createdAt: number }[];
  services: { id: string; name: string; type: string; repository?: string; createdAt: number }[];
  installations: StoredInstallation[];
  tasks: StoredTask[];
  secrets: Map<string, StoredSecret>;
}

/** A started task is `pending` for its first 2 s and `running` until 30 s, then done. */
export const taskTimeline = { pendingMs: 2_000, doneMs: 30_000 } as const;

const hour = 3_600_000;
const day = 24 * hour;

function task(
  id: string,
  type: StoredTask['type'],
  installationName: string,
  environmentName: string,
  version: string,
  createdAt: number,
  facts: Partial<Pick<StoredTask, 'startedAt' | 'outcome' | 'message'>>,
): StoredTask {
  return { id, type, installationName, environmentName, version, createdAt, outcome: 'succeeded', updatedAt: createdAt, ...facts };
}

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
    installations: [
      { name: 'api', environmentName: 'production', serviceName: 'api', version: '1.4.1', createdAt: now - 60 * day, updatedAt: now - 2 * day },
      { name: 'web', environmentName: 'production', serviceName: 'web', version: '2.0.0', createdAt: now - 60 * day, updatedAt: now },
      { name: 'worker', environmentName: 'staging', serviceName: 'worker', version: '0.8.3', createdAt: now - 50 * day, updatedAt: now - 3 * hour },
    ],
    tasks: [
      task('3f0c2a1e-5b7d-4c1a-9e2f-1a2b3c4d5e01', 'deploy', 'api', 'production', '1.4.1', now - 2 * day, { startedAt: now - 2 * day }),
      task('7b1d9e44-0c3a-4f6e-8d2b-1a2b3c4d5e02', 'deploy', 'worker', 'staging', '0.9.0', now - 3 * hour, {
        startedAt: now - 3 * hour,
        outcome: 'failed',
        message: 'image ghcr.io/acme/worker:0.9.0 not found',
      }),
      // A reviewed plan waits for approval, as dry runs and some deploys do.
      task('c3d8e5a0-2f4b-4d7c-a1e9-1a2b3c4d5e03', 'dry_run', 'api', 'production', '1.4.2', now - hour, {}),
      // Starts with the first Ryvn request after a start or reset, so that its progress can be watched.
      task('e9a4b6c2-8d1f-4a3b-b5c7-1a2b3c4d5e04', 'update', 'web', 'production', '2.0.0', now, { startedAt: now }),
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

/** A task's status at `now`: waiting for approval, cancelled, or along its timeline once started. */
export function taskStatus(task: StoredTask, now: number): 'pending' | 'pending_approval' | 'running' | 'succeeded' | 'failed' | 'cancelled' {
  if (task.cancelledAt !== undefined) return 'cancelled';
  if (task.startedAt === undefined) return 'pending_approval';
  const age = now - task.startedAt;
  return age < taskTimeline.pendingMs ? 'pending' : age < taskTimeline.doneMs ? 'running' : task.outcome;
}

/** A task as the API shows it at `now`. */
export function taskView(task: StoredTask, now: number) {
  const status = taskStatus(task, now);
  const finishedAt =
    status === 'cancelled' ? task.cancelledAt : status === 'succeeded' || status === 'failed' ? task.startedAt! + taskTimeline.doneMs : undefined;
  return {
    id: task.id,
    type: task.type,
    status,
    installationName: task.installationName,
    environmentName: task.environmentName,
    version: task.version,
    ...(task.reason === undefined ? {} : { reason: task.reason }),
    ...(status === 'failed' && task.message !== undefined ? { message: task.message } : {}),
    createdAt: iso(task.createdAt),
    updatedAt: iso(Math.max(task.updatedAt, finishedAt ?? 0)),
    ...(finishedAt === undefined ? {} : { finishedAt: iso(finishedAt) }),
  };
}

/** An installation as the API shows it. */
export function installationView(installation: StoredInstallation) {
  return { ...installation, createdAt: iso(installation.createdAt), updatedAt: iso(installation.updatedAt) };
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
