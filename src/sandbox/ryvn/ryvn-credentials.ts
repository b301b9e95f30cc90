/** The Ryvn service user and organization the sandbox accepts out of the box. */
export const ryvnCredentials = { clientId: 'ryvn-sandbox-client', clientSecret: 'ryvn-sandbox-secret', orgId: 'org_sandbox' } as const;
