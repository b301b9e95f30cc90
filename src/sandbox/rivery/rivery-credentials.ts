/** The Rivery API token the sandbox accepts out of the box, and the account and environment it is bound to. */
export const riveryCredentials = {
  apiToken: 'rivery-sandbox-token',
  accountId: '64a1f0c2e4b0a1b2c3d4e5f6',
  environmentId: '64a1f0c2e4b0a1b2c3d4e5f7',
} as const;
