/** Whether `granted` allows `scope`: the scope itself, or `write` on the same resource for a `read`. */
export function scopeCovers(granted: readonly string[], scope: string): boolean {
  if (granted.includes(scope)) return true;
  return scope.endsWith(':read') && granted.includes(`${scope.slice(0, -':read'.length)}:write`);
}
