/** The resource kinds Ryvn's `/v1/schemas/resources.json` describes. */
export const ryvnResourceKinds = [
  'Service',
  'Environment',
  'Blueprint',
  'ServiceInstallation',
  'BlueprintInstallation',
  'Preview',
  'PromotionPipeline',
  'ReleaseChannel',
  'MaintenanceWindow',
] as const;

/**
 * A JSON Schema of the resource kinds, in the shape of Ryvn's: one definition per kind, the document
 * being any one of them. The kinds are Ryvn's; the fields inside each `spec` are not public and are
 * left open.
 */
export function resourceSchema(apiUrl: string) {
  const definition = (kind: string) => ({
    type: 'object',
    required: ['kind', 'name'],
    properties: {
      kind: { const: kind },
      name: { type: 'string', maxLength: 63 },
      spec: { type: 'object', additionalProperties: true },
    },
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${apiUrl}/v1/schemas/resources.json`,
    title: 'Ryvn resources',
    oneOf: ryvnResourceKinds.map((kind) => ({ $ref: `#/$defs/${kind}` })),
    $defs: Object.fromEntries(ryvnResourceKinds.map((kind) => [kind, definition(kind)])),
  };
}
