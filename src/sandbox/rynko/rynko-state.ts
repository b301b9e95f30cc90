import { emulatorState } from '../emulator-kit';
import type { SandboxControl } from '../sandbox-control';

/** Output formats Rynko generates. */
export type RynkoFormat = 'pdf' | 'excel' | 'csv';

export interface RynkoTemplateRecord {
  id: string;
  name: string;
  description?: string;
  outputFormats: RynkoFormat[];
  variables: { name: string; type: string; required?: boolean; defaultValue?: unknown }[];
  content?: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  /** Rendering this template fails (`ERR_DOC_004`), to exercise failed jobs. */
  renderError?: string;
}

export interface RynkoJobRecord {
  jobId: string;
  template: { id: string; name: string; renderError?: string };
  format: RynkoFormat;
  filename: string;
  variables: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  batchId?: string;
  /** The workspace the job belongs to: the caller's. */
  workspaceId: string;
  /** Rendered from the template's draft. */
  useDraft?: boolean;
  /** Paid with purchased credits (no watermark). */
  useCredit?: boolean;
  /** Sandbox time the job was cancelled; from then it reports `failed`. */
  cancelledAt?: number;
  /** Sandbox time the job was queued. */
  createdAt: number;
  /** Extra queue time, so that the jobs of a batch finish one after another. */
  delayMs: number;
}

export interface RynkoBatchRecord {
  batchId: string;
  jobIds: string[];
  metadata?: Record<string, unknown>;
  createdAt: number;
}

export interface RynkoWebhookSubscriptionRecord {
  id: string;
  url: string;
  events: string[];
  description?: string;
  isActive: boolean;
  secret: string;
  maxRetries: number;
  timeoutMs: number;
  workspaceId: string;
  createdAt: number;
  updatedAt: number;
}

/** Where Rynko's error body carries its code: `code` as its docs show, or `error` as its SDKs read it. */
export type RynkoErrorCodeField = 'code' | 'error';

/** The Rynko sandbox's own state: what SandboxControl has no place for. */
export interface RynkoSandboxState {
  templates: Map<string, RynkoTemplateRecord>;
  jobs: Map<string, RynkoJobRecord>;
  batches: Map<string, RynkoBatchRecord>;
  webhookSubscriptions: Map<string, RynkoWebhookSubscriptionRecord>;
  /** Requests a key may make per minute, all endpoints together. @default 600 */
  requestsPerMinute: number;
  /** `POST /api/v1/documents/generate` (and job retries) a key may make per minute (ERR_QUOTA_003 beyond), as Rynko publishes. @default 100 */
  generationsPerMinute: number;
  /** `POST /api/v1/documents/generate/batch` a key may make per minute (ERR_QUOTA_003 beyond), as Rynko publishes. @default 10 */
  batchesPerMinute: number;
  /** Requests to the job and batch endpoints a key may make per minute (ERR_QUOTA_002 beyond), as Rynko publishes. @default 300 */
  jobsPerMinute: number;
  /** Requests to the template endpoints a key may make per minute (ERR_QUOTA_002 beyond), as Rynko publishes. @default 300 */
  templatesPerMinute: number;
  /** Where error bodies carry their code: `code` (Rynko's docs) or `error` (what Rynko's SDKs read). @default 'code' */
  errorCodeField: RynkoErrorCodeField;
  /**
   * Dashboard (JWT) session tokens the API accepts besides API keys, with every permission: Rynko
   * documents template writes for these sessions. Add one to try `tokenFunction()` against the sandbox.
   */
  dashboardSessions: Set<string>;
  /** Documents the team may generate this month (ERR_QUOTA_001 beyond). @default 1000 */
  monthlyQuota: number;
  documentsThisMonth: number;
  /** How long a signed download URL stays valid, in ms. @default 3_600_000 */
  downloadUrlTtlMs: number;
  /** Secret the webhook examples sign with. */
  webhookSecret: string;
  /** What the storage host saw: requests, and those refused for carrying a credential. */
  storage: { requests: number; refusedCredentials: number };
  /** Fixed-window rate-limit counters, by bucket. */
  windows: Map<string, { start: number; count: number }>;
  /** Signs download URLs; random per state, so URLs of another sandbox never verify. */
  signingKey: Promise<CryptoKey>;
}

/** Timeline of every job on the sandbox clock: queued for 1 s, processing until 3 s, then done. */
export const jobTimeline = { processingAfterMs: 1_000, doneAfterMs: 3_000, batchStaggerMs: 200 } as const;

const seededTemplates = (now: number): RynkoTemplateRecord[] => [
  {
    id: 'tmpl_invoice',
    name: 'Invoice',
    description: 'A one-page invoice.',
    outputFormats: ['pdf'],
    variables: [
      { name: 'invoiceNumber', type: 'string', required: true },
      { name: 'customerName', type: 'string' },
      { name: 'total', type: 'number' },
    ],
    createdAt: now,
    updatedAt: now,
  },
  {
    id: 'tmpl_sales_report',
    name: 'Sales report',
    outputFormats: ['excel', 'csv'],
    variables: [{ name: 'rows', type: 'array' }],
    createdAt: now,
    updatedAt: now,
  },
  {
    id: 'tmpl_broken',
    name: 'Broken layout',
    description: 'Fails to render: every job from it ends as failed with ERR_DOC_004.',
    outputFormats: ['pdf'],
    variables: [],
    createdAt: now,
    updatedAt: now,
    renderError: "Template references the undefined partial 'footer'",
  },
];

function freshState(control: SandboxControl): RynkoSandboxState {
  const now = control.now();
  const secret = crypto.getRandomValues(new Uint8Array(32));
  return {
    templates: new Map(seededTemplates(now).map((template) => [template.id, template])),
    jobs: new Map(),
    batches: new Map(),
    webhookSubscriptions: new Map(),
    requestsPerMinute: 600,
    generationsPerMinute: 100,
    batchesPerMinute: 10,
    jobsPerMinute: 300,
    templatesPerMinute: 300,
    errorCodeField: 'code',
    dashboardSessions: new Set(),
    monthlyQuota: 1_000,
    documentsThisMonth: 0,
    downloadUrlTtlMs: 3_600_000,
    webhookSecret: 'whsec_rynko_sandbox',
    storage: { requests: 0, refusedCredentials: 0 },
    windows: new Map(),
    signingKey: crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  };
}

/**
 * The Rynko sandbox's state for a control: templates, jobs, limits and what the storage host saw.
 * Tests change the limits (`requestsPerMinute`, `monthlyQuota`, …) and read `storage` here.
 */
export const rynkoState = emulatorState('rynko', freshState);

/** The same as `rynkoState`, under the name it was first published with. */
export const rynkoSandbox = rynkoState;
