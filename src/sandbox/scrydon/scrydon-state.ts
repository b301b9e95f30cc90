import { emulatorState } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';
import { scrydonCredentials } from './scrydon-credentials';

/** A service account's role in an environment: members read and write, admins also administer. */
export type ScrydonRole = 'member' | 'admin';

export interface ScrydonEnvironment {
  id: string;
  name: string;
  organizationId: string;
}

export interface ScrydonWorkflowRecord {
  id: string;
  environmentId: string;
  name: string;
  description: string | null;
  status: 'draft' | 'deployed' | 'paused';
  createdAt: string;
  updatedAt: string;
}

export interface ScrydonExecutionRecord {
  id: string;
  workflowId: string;
  environmentId: string;
  inputs: Record<string, unknown>;
  /** What started it: the API trigger or a webhook. */
  trigger: 'api' | 'webhook';
  /** Sandbox clock (ms) when it was started; its status follows from the time since. */
  createdAt: number;
  /** How long it runs on the sandbox clock. */
  durationMs: number;
}

/** A Webhook block: the workflow it starts, and the secret it checks, if any. */
export interface ScrydonWebhook {
  workflowId: string;
  secret?: string;
}

/**
 * What the Scrydon emulator keeps beyond SandboxControl: organizations, environments, workspace
 * role assignments, workflows, executions, webhook blocks, and individually revoked tokens.
 */
export interface ScrydonState {
  environments: Map<string, ScrydonEnvironment>;
  /** `${clientId} ${environmentId}` → role. */
  roles: Map<string, ScrydonRole>;
  workflows: Map<string, ScrydonWorkflowRecord>;
  executions: Map<string, ScrydonExecutionRecord>;
  /** Webhook blocks by the path of their Trigger Link. */
  webhooks: Map<string, ScrydonWebhook>;
  /** Tokens revoked through the revocation endpoint. */
  revoked: Set<string>;
  /** The organization of a service account. */
  organizationOf(clientId: string): string;
  /** Gives a service account a role in an environment, or takes it away (`undefined`). */
  assign(clientId: string, environmentId: string, role: ScrydonRole | undefined): void;
  role(clientId: string, environmentId: string): ScrydonRole | undefined;
}

export const sandboxOrganization = 'org_sandbox';
/** An environment of the sandbox organization in which the default account has no role. */
export const unassignedEnvironment = 'env_staging';
const seededAt = '2026-01-05T09:00:00.000Z';

function seed(): ScrydonState {
  const { clientId, environmentId, webhookSecret } = scrydonCredentials;
  const environments = new Map<string, ScrydonEnvironment>([
    [environmentId, { id: environmentId, name: 'Sandbox', organizationId: sandboxOrganization }],
    [unassignedEnvironment, { id: unassignedEnvironment, name: 'Staging', organizationId: sandboxOrganization }],
  ]);
  const workflow = (environment: string, id: string, name: string, status: ScrydonWorkflowRecord['status'], description: string | null = null) =>
    [id, { id, environmentId: environment, name, description, status, createdAt: seededAt, updatedAt: seededAt }] as const;
  const workflows = new Map<string, ScrydonWorkflowRecord>([
    workflow(environmentId, 'wf_onboarding', 'Customer onboarding', 'deployed', 'Welcome email, CRM record and kickoff task'),
    workflow(environmentId, 'wf_invoice_triage', 'Invoice triage', 'deployed', 'Reads invoices from storage and routes them'),
    workflow(environmentId, 'wf_support_digest', 'Support digest', 'deployed'),
    workflow(environmentId, 'wf_churn_alert', 'Churn alert', 'paused'),
    workflow(environmentId, 'wf_kb_refresh', 'Knowledge base refresh', 'draft'),
    workflow(unassignedEnvironment, 'wf_staging_smoke', 'Staging smoke test', 'deployed'),
  ]);
  const roles = new Map<string, ScrydonRole>([[`${clientId} ${environmentId}`, 'member']]);
  return {
    environments,
    roles,
    workflows,
    executions: new Map(),
    webhooks: new Map<string, ScrydonWebhook>([
      ['new-signup', { workflowId: 'wf_onboarding' }],
      ['invoice-received', { workflowId: 'wf_invoice_triage', secret: webhookSecret }],
    ]),
    revoked: new Set(),
    organizationOf: () => sandboxOrganization,
    assign(account, environment, role) {
      if (role === undefined) roles.delete(`${account} ${environment}`);
      else roles.set(`${account} ${environment}`, role);
    },
    role: (account, environment) => roles.get(`${account} ${environment}`),
  };
}

/** The Scrydon state of a sandbox; `control.reset()` restores the seeded one. */
export const scrydonState = emulatorState('scrydon', seed);

/**
 * Gives a service account a role in a Scrydon environment (`'member'` or `'admin'`), or takes it
 * away (`undefined`): an account with the scope but no role gets Scrydon's workspace 403.
 */
export function assignScrydonRole(
  control: SandboxControl,
  environmentId: string,
  role: ScrydonRole | undefined,
  clientId: string = scrydonCredentials.clientId,
): void {
  scrydonState(control).assign(clientId, environmentId, role);
}
