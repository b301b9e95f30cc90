import { describe, expect, test } from 'vitest';
import { diagnoseEnvironment, urlProblem } from '../../src/cli/diagnose-environment';
import { scrydonProvider } from '../../src/apis/scrydon/provider';
import { rynkoProvider } from '../../src/apis/rynko/provider';

describe('diagnoseEnvironment', () => {
  test('names a required variable that is missing, with where to find it, and a default that will be used', () => {
    const findings = diagnoseEnvironment(scrydonProvider, { SCRYDON_CLIENT_ID: 'sa_1', SCRYDON_CLIENT_SECRET: 'top-secret' });
    expect(findings).toContainEqual({ level: 'problem', text: "SCRYDON_URL is not set: it is required (your tenant's host; Scrydon has no shared host)" });
    expect(findings).toContainEqual({ level: 'note', text: "SCRYDON_AUTH_URL is not set: the client's default is used" });
    expect(findings).toContainEqual({ level: 'ok', text: 'SCRYDON_CLIENT_SECRET is set' });
  });

  test('never repeats a credential value', () => {
    const findings = diagnoseEnvironment(rynkoProvider, { RYNKO_API_KEY: 'fm_live_secret', RYNKO_API_URL: 'https://user:pw@api.rynko.dev' });
    const text = findings.map((finding) => finding.text).join('\n');
    expect(text).not.toContain('fm_live_secret');
    expect(text).not.toContain('pw');
    expect(text).toContain('RYNKO_API_URL carries a user name or password');
  });

  test('says in plain words what is wrong with a URL: not a URL, plain http off loopback, another scheme', () => {
    expect(urlProblem('api.rynko.dev')).toMatch(/^is not a URL/);
    expect(urlProblem('http://api.rynko.dev')).toBe('must use https: plain http is for loopback hosts only, not api.rynko.dev');
    expect(urlProblem('ftp://api.rynko.dev')).toBe('must use https, not ftp');
    expect(urlProblem('http://127.0.0.1:8080/x')).toBeUndefined();
    expect(urlProblem('https://api.rynko.dev')).toBeUndefined();
  });
});
