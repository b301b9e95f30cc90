/**
 * The Scrydon service account the sandbox accepts out of the box, its granted scopes and its
 * environment; and the secret of the `invoice-received` Webhook block (`new-signup` has none).
 */
export const scrydonCredentials = {
  clientId: 'sa_sandbox',
  clientSecret: 'scrydon-sandbox-secret',
  scopes: ['workflows:write', 'storage:read', 'logs:read', 'knowledge:read'],
  environmentId: 'env_sandbox',
  webhookSecret: 'scrydon-webhook-secret',
} as const;
