/** How a sandbox river's runs end. */
export type RiverOutcome = 'D' | 'E' | 'F';

/** A river of the sandbox's environment. */
export interface SandboxRiver {
  cross_id: string;
  river_name: string;
  river_type: string;
  river_status: 'active' | 'disabled';
  group_id: string;
  created_at: number;
  updated_at: number;
  /** How its runs end; not part of the API's answers. */
  outcome: RiverOutcome;
  /** Why its runs fail, for `E`. */
  error?: string;
}

const names = [
  'Orders: PostgreSQL → Snowflake',
  'Customers: Salesforce → Snowflake',
  'Always fails (E): MySQL → Redshift',
  'Ends with F: FTP → S3',
  'Ad spend: Google Ads → BigQuery',
  'Tickets: Zendesk → Snowflake',
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

/** The 25 rivers of the sandbox environment; ids are `64b1a0c2e4b0a1b2c3d4` + 1001…1019 (hex). */
export const sandboxRivers: readonly SandboxRiver[] = names.map((river_name, index) => ({
  cross_id: `64b1a0c2e4b0a1b2c3d4${(0x1001 + index).toString(16)}`,
  river_name,
  river_type: index >= 23 ? 'logic' : 'source_to_target',
  river_status: 'active',
  group_id: `64b1a0c2e4b0a1b2c3d5${(0x2001 + (index % 3)).toString(16)}`,
  created_at: epoch + index * 86_400_000,
  updated_at: epoch + index * 86_400_000 + 3_600_000,
  outcome: index === 2 ? 'E' : index === 3 ? 'F' : 'D',
  ...(index === 2 ? { error: failure } : {}),
}));
