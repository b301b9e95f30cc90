/** A response body as the CLI prints it: JSON indented by two, text as it came, nothing for no body. */
export function formatBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body === 'string') return body.endsWith('\n') ? body : `${body}\n`;
  return `${JSON.stringify(body, null, 2)}\n`;
}
