import { describe, expect, it } from 'vitest';
import type { Check } from '../../../harness/check.js';
import { rfc3030Checks as wholeSuite } from '../../../suites/rfc3030/index.js';
import { SCRIPTED_RUN } from '../../support/fake-smtp/presets.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference and its relay mutants
// (test/suites/relay-core, relay-extensions, mutants.test.ts), not here.
const rfc3030Checks = wholeSuite.filter((c) => !c.needs?.includes('sink'));

// The RFC 3030 checks against line-based scripted servers: such a server cannot count chunk octets,
// so it reads chunk data as commands - the desynchronisation the checks exist to catch.

const grades = (checks: readonly Check[], answer: (line: string) => string | null) => gradesAgainstFake(checks, { answer, linesOnly: true }, SCRIPTED_RUN);

const byId = (ids: readonly string[]): Check[] => rfc3030Checks.filter((c) => ids.includes(c.id));

/** Offers CHUNKING but answers every line, chunk data included, as a command. */
function lineBasedChunking(keywords: readonly string[]) {
  return (line: string): string | null => {
    const verb = line.split(' ')[0]!.toUpperCase();
    if (verb === 'EHLO') return ['250-scripted.test', ...keywords.map((k, i) => `250${i === keywords.length - 1 ? ' ' : '-'}${k}`)].join('\r\n');
    if (['MAIL', 'RCPT', 'RSET', 'NOOP', 'BDAT'].includes(verb)) return '250 2.0.0 ok';
    if (verb === 'QUIT') return '221 bye';
    return '500 5.5.2 command not recognized';
  };
}

describe('rfc3030 checks against scripted servers', () => {
  it('fail bdat-basic and failed-chunk-consumed on a server that reads chunk data as command lines', async () => {
    const g = await grades(byId(['rfc3030/2/bdat-basic', 'rfc3030/2/failed-chunk-consumed']), lineBasedChunking(['PIPELINING', 'CHUNKING', 'SIZE 1000']));
    expect(g).toEqual({ 'rfc3030/2/bdat-basic': 'FAIL', 'rfc3030/2/failed-chunk-consumed': 'FAIL' });
  });

  it('fail binarymime-requires-chunking when BINARYMIME comes without CHUNKING', async () => {
    const g = await grades(byId(['rfc3030/3/binarymime-requires-chunking']), lineBasedChunking(['8BITMIME', 'BINARYMIME']));
    expect(g['rfc3030/3/binarymime-requires-chunking']).toBe('FAIL');
  });

  it('are UNIMPLEMENTED on a server without CHUNKING or BINARYMIME', async () => {
    const g = await grades(
      rfc3030Checks.filter((c) => c.requires?.length),
      lineBasedChunking(['PIPELINING', '8BITMIME']),
    );
    expect(Object.values(g).every((grade) => grade === 'UNIMPLEMENTED'), JSON.stringify(g)).toBe(true);
    expect(Object.keys(g).length).toBe(7);
  });
});
