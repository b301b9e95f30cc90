// Every operation of a vendor spec says where it comes from, so that a guess is never presented as
// the vendor's API (issue 13). The label is two flat extension keys on the operation:
//   x-keycard-source: documented   with   x-keycard-source-url: https://… (the vendor's page or code)
//   x-keycard-source: modelled     with   x-keycard-source-reason: one line on why and on what it is modelled
import { readFileSync } from 'node:fs';
import { parseYaml } from '@redocly/openapi-core';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Operation = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with one operation's label, or undefined when it is labelled properly. */
export function labelProblem(operation: Operation): string | undefined {
  const source = operation['x-keycard-source'];
  if (source === undefined) return 'has no x-keycard-source (documented or modelled)';
  if (source === 'documented') {
    const url = operation['x-keycard-source-url'];
    if (typeof url !== 'string' || !/^https:\/\/\S+$/.test(url)) return 'is documented but has no https x-keycard-source-url';
    return undefined;
  }
  if (source === 'modelled') {
    const reason = operation['x-keycard-source-reason'];
    if (typeof reason !== 'string' || reason.trim() === '' || reason.includes('\n')) {
      return 'is modelled but has no one-line x-keycard-source-reason';
    }
    return undefined;
  }
  return `has x-keycard-source ${JSON.stringify(source)}; expected documented or modelled`;
}

/**
 * Every operation of a parsed spec (its paths and its webhooks) whose label is missing or
 * incomplete, as one line each naming the spec, the method and the path.
 */
export function sourceLabelProblems(spec: unknown, specName: string): string[] {
  if (!isObject(spec)) return [`${specName}: is not an OpenAPI document`];
  const problems: string[] = [];
  for (const section of ['paths', 'webhooks'] as const) {
    const items = spec[section];
    if (!isObject(items)) continue;
    for (const [path, item] of Object.entries(items)) {
      if (!isObject(item)) continue;
      for (const method of methods) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        const problem = labelProblem(operation);
        const where = section === 'paths' ? path : `webhook ${path}`;
        if (problem !== undefined) problems.push(`${specName}: ${method.toUpperCase()} ${where} ${problem}`);
      }
    }
  }
  return problems;
}

/** `sourceLabelProblems` of the spec file at `path` (YAML or JSON), named as `specName`. */
export function specFileSourceLabelProblems(path: string, specName = path): string[] {
  return sourceLabelProblems(parseYaml(readFileSync(path, 'utf8')), specName);
}
