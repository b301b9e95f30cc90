/** How a sandbox river's legacy runs end. */
export type RiverOutcome = 'D' | 'E' | 'F';

/** The final statuses a v1 run of a sandbox river may end with, besides `canceled`. */
export type V1RiverOutcome = 'succeeded' | 'failed' | 'skipped' | 'partially succeeded';

/** A river of the sandbox's environment. */
export interface SandboxRiver {
  cross_id: string;
  river_name: string;
  river_type: string;
  river_status: 'active' | 'disabled';
  group_id: string;
  created_at: number;
  updated_at: number;
  /** How its legacy runs end; not part of the API's answers. */
  outcome: RiverOutcome;
  /** How its v1 runs end, when not as `outcome` says (`D` succeeded, `E`/`F` failed); not part of the API's answers. */
  v1Outcome?: V1RiverOutcome;
  /** Why its runs fail, for `E`. */
  error?: string;
}

const names = [
  'Orders: PostgreSQL → Snowflake',
  'Customers: Salesforce → Snowflake',
  'Always fails (E): MySQL → Redshift',
  'Ends with F: FTP → S3',
  'Skipped when nothing changed: Google Ads → BigQuery',
  'Partly succeeds: Zendesk → Snowflake',
  'Payments: Stripe → BigQuery',
  'Events: Mixpanel → Redshift',
  'Inventory: NetSuite → Snowflake',
  'Leads: HubSpot → BigQuery',
  'Invoices: QuickBooks → Snowflake',
  'Sessions: Google Analytics 4 → BigQuery',
  'Campaigns: Facebook Ads → Redshift',
  'Shipments: ShipStation → Snowflake',
  'Reviews: Trustpilot → BigQuery',
  'Products: Shopify → Snowflake',
  'Subscriptions: Chargebee → BigQuery',
  'Issues: Jira → Snowflake',
  'Deals: Pipedrive → Redshift',
  'Calls: Gong → Snowflake',
  'Emails: Mailchimp → BigQuery',
  'Logs: S3 → Databricks',
  'Employees: Workday → Snowflake',
  'Forecast: dbt model refresh',
  'Nightly orchestration',
];

const epoch = Date.parse('2025-01-06T09:00:00Z');
const failure = 'Source connection failed: MySQL server at db.internal:3306 refused the connection';
const partial = '1 of 2 tables failed to load: tickets_audit (permission denied)';

/** What makes a river's runs end other than `D`, by its index. */
const outcomes: Record<number, Pick<SandboxRiver, 'outcome' | 'v1Outcome' | 'error'>> = {
  2: { outcome: 'E', error: failure },
  3: { outcome: 'F' },
  4: { outcome: 'D', v1Outcome: 'skipped' },
  5: { outcome: 'E', v1Outcome: 'partially succeeded', error: partial },
};

/**
 * The 25 rivers of the sandbox environment; ids are `64b1a0c2e4b0a1b2c3d4` + 1001…1019 (hex).
 * Runs of the third fail (E / failed), of the fourth end F, of the fifth are skipped on the v1 API,
 * of the sixth partly succeed on the v1 API; all others succeed.
 */
export const sandboxRivers: readonly SandboxRiver[] = names.map((river_name, index) => ({
  cross_id: `64b1a0c2e4b0a1b2c3d4${(0x1001 + index).toString(16)}`,
  river_name,
  river_type: index >= 23 ? 'logic' : 'source_to_target',
  river_status: 'active',
  group_id: `64b1a0c2e4b0a1b2c3d5${(0x2001 + (index % 3)).toString(16)}`,
  created_at: epoch + index * 86_400_000,
  updated_at: epoch + index * 86_400_000 + 3_600_000,
  ...(outcomes[index] ?? { outcome: 'D' }),
}));

/** The v1 outcome of a river's runs. */
export const v1OutcomeOf = (river: SandboxRiver): V1RiverOutcome => river.v1Outcome ?? (river.outcome === 'D' ? 'succeeded' : 'failed');

/** The fields of a river that the API answers with. */
export function riverView(river: SandboxRiver) {
  const { outcome: _outcome, v1Outcome: _v1Outcome, error: _error, ...view } = river;
  return view;
}
