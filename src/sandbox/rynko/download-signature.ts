import type { RynkoSandboxState } from './rynko-state';

/** HMAC of what a signed download URL grants (which file, until when), hex-encoded. */
export async function downloadSignature(state: RynkoSandboxState, jobId: string, expires: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await state.signingKey, new TextEncoder().encode(`${jobId}:${expires}`));
  return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
