/** The Rynko API key the sandbox accepts out of the box. */
export const rynkoCredentials = { apiKey: 'fm_sandbox_key' } as const;
