/** The Ryvion keys the sandbox accepts out of the box, one per scope: `buyer`, `read-only`, `write-only`. */
export const ryvionCredentials = { apiKey: 'ryv_sandbox_buyer_key', readOnlyKey: 'ryv_sandbox_readonly_key', writeOnlyKey: 'ryv_sandbox_writeonly_key' } as const;
