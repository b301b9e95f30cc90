import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { labelProblem, sourceLabelProblems, specFileSourceLabelProblems } from '../../../scripts/generate/source-label-problems';

const fixtures = join(import.meta.dirname, 'fixtures');
const root = join(import.meta.dirname, '../../..');

describe('the x-keycard-source check', () => {
  test('refuses a spec with an unlabelled operation, naming the spec, the method and the path', () => {
    const problems = specFileSourceLabelProblems(join(fixtures, 'unlabelled.yaml'), 'fixtures/unlabelled.yaml');

    expect(problems).toEqual([
      'fixtures/unlabelled.yaml: POST /things has no x-keycard-source (documented or modelled)',
      'fixtures/unlabelled.yaml: DELETE /things/{id} is modelled but has no one-line x-keycard-source-reason',
    ]);
  });

  test('accepts a spec whose operations and webhooks are all labelled, ignoring path-level parameters', () => {
    expect(specFileSourceLabelProblems(join(fixtures, 'labelled.yaml'))).toEqual([]);
  });

  test('checks webhooks as well as paths', () => {
    const spec = { webhooks: { jobDone: { post: { responses: {} } } } };

    expect(sourceLabelProblems(spec, 'vendor.yaml')).toEqual(['vendor.yaml: POST webhook jobDone has no x-keycard-source (documented or modelled)']);
  });

  test('a documented operation needs an https link to the vendor page', () => {
    expect(labelProblem({ 'x-keycard-source': 'documented' })).toMatch(/no https x-keycard-source-url/);
    expect(labelProblem({ 'x-keycard-source': 'documented', 'x-keycard-source-url': 'http://example.com' })).toMatch(/no https/);
    expect(labelProblem({ 'x-keycard-source': 'documented', 'x-keycard-source-url': 'https://example.com/docs' })).toBeUndefined();
  });

  test('a modelled operation needs a reason on one line', () => {
    expect(labelProblem({ 'x-keycard-source': 'modelled', 'x-keycard-source-reason': 'two\nlines' })).toMatch(/one-line/);
    expect(labelProblem({ 'x-keycard-source': 'modelled', 'x-keycard-source-reason': '  ' })).toMatch(/one-line/);
  });

  test('an unknown label is refused by name', () => {
    expect(labelProblem({ 'x-keycard-source': 'guessed' })).toBe('has x-keycard-source "guessed"; expected documented or modelled');
  });

  test('every vendor spec of the package labels every operation', () => {
    const specs = readdirSync(join(root, 'openapi')).filter((file) => file.endsWith('.yaml'));

    expect(specs.length).toBe(5);
    for (const spec of specs) expect(specFileSourceLabelProblems(join(root, 'openapi', spec), spec)).toEqual([]);
  });
});
