/**
 * One log line in logfmt (`keycard attempt method=GET url=… status=200`), from a redacted view:
 * one formatter for every event, so lines stay greppable and parseable, and the code small.
 * Called only when the line's level is enabled.
 */
export function formatLine(event: string, view: object, note?: string): string {
  let line = `keycard ${event}`;
  for (const [key, value] of Object.entries(view)) {
    if (value !== undefined) line += ` ${key}=${typeof value === 'string' && /[\s"]|^$/.test(value) ? JSON.stringify(value) : value}`;
  }
  return note === undefined ? line : `${line} (${note})`;
}
