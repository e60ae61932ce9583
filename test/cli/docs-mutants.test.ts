import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderMutants } from '../../cli/mutants.js';

it('docs/mutants.md is in sync with the mutants (regenerate: npm run docs:mutants)', () => {
  const committed = readFileSync(new URL('../../docs/mutants.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderMutants('markdown'));
});
