/** The Scrydon service account the sandbox accepts out of the box, its granted scopes and its environment. */
export const scrydonCredentials = {
  clientId: 'sa_sandbox',
  clientSecret: 'scrydon-sandbox-secret',
  scopes: ['workflows:write', 'storage:read', 'logs:read', 'knowledge:read'],
  environmentId: 'env_sandbox',
} as const;
