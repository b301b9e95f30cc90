import type { ApiProvider } from '../core/client/api-provider';
import { isLoopbackHost } from '../core/util/is-loopback';
import { providerVariables } from './provider-variables';

/** One line of `keycard doctor`: fine, worth knowing, or wrong. */
export interface Finding {
  level: 'ok' | 'note' | 'problem';
  text: string;
}

/** What is wrong with a host URL, in plain words; undefined when it is fine. Never repeats the URL's user info. */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL: expected e.g. https://api.example.com';
  }
  if (url.username || url.password) return 'carries a user name or password: remove them, credentials have variables of their own';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') return `must use https: plain http is for loopback hosts only, not ${url.host}`;
  return `must use https, not ${url.protocol.slice(0, -1)}`;
}

/**
 * Which of an API's variables are set, which are missing and which URLs are wrong: names and URLs
 * only, never a credential's value.
 */
export function diagnoseEnvironment(provider: ApiProvider, env: Readonly<Record<string, string | undefined>>): Finding[] {
  const findings: Finding[] = [];
  for (const variable of providerVariables(provider)) {
    const value = env[variable.name];
    if (value === undefined || value === '') {
      const hint = variable.hint ? ` (${variable.hint})` : '';
      findings.push(
        variable.required
          ? { level: 'problem', text: `${variable.name} is not set: it is required${hint}` }
          : { level: 'note', text: `${variable.name} is not set: the client's default is used` },
      );
      continue;
    }
    if (variable.role !== 'host') {
      findings.push({ level: 'ok', text: `${variable.name} is set` });
      continue;
    }
    const problem = urlProblem(value);
    findings.push(problem === undefined ? { level: 'ok', text: `${variable.name} is ${value}` } : { level: 'problem', text: `${variable.name} ${problem}` });
  }
  return findings;
}
