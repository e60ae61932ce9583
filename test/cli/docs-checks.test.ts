import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderCheckList } from '../../cli/list.js';
import { allChecks } from '../../suites/index.js';
import { notAutomated } from '../../suites/not-automated.js';

it('docs/checks.md is in sync with the checks (regenerate: npm run docs:checks)', () => {
  const committed = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderCheckList(allChecks, 'markdown', notAutomated));
});
