import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyReader } from '../../../harness/session/reply-reader.js';
import type { ProtocolViolation, Reply } from '../../../harness/session/outcome.js';
import { propertySeed } from '../../support/property-seed.js';

function readAll(input: string | Buffer, chunkSize = Infinity): Array<Reply | ProtocolViolation> {
  const reader = new ReplyReader();
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const out: Array<Reply | ProtocolViolation> = [];
  for (let i = 0; i < bytes.length; i += Math.min(chunkSize, bytes.length)) {
    reader.push(bytes.subarray(i, i + chunkSize));
    for (let r = reader.next(); r; r = reader.next()) out.push(r);
  }
  return out;
}

describe('ReplyReader (RFC 5321 §4.2)', () => {
  it('reads a single-line reply with its enhanced status code', () => {
    const [r] = readAll('250 2.1.0 Sender ok\r\n');
    expect(r).toMatchObject({ kind: 'reply', code: 250, enhanced: '2.1.0', lines: ['2.1.0 Sender ok'], deviations: [] });
  });

  it('reads a multi-line reply as one reply', () => {
    const [r, extra] = readAll('250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n');
    expect(extra).toBeUndefined();
    expect(r).toMatchObject({ kind: 'reply', code: 250, lines: ['mx.example', 'PIPELINING', '8BITMIME'] });
  });

  it('reads a continuation line whose text starts with digits as text', () => {
    const [r] = readAll('250-234 Text beginning with numbers\r\n250 The last line\r\n');
    expect(r).toMatchObject({ kind: 'reply', code: 250, lines: ['234 Text beginning with numbers', 'The last line'] });
  });

  it('reads replies split at any byte boundary the same way', () => {
    const whole = readAll('220 a.example ESMTP\r\n250-a\r\n250 b\r\n');
    expect(readAll('220 a.example ESMTP\r\n250-a\r\n250 b\r\n', 1)).toEqual(whole);
  });

  it('reports a multi-line reply that changes its code as a violation, and stays in step', () => {
    const [bad, next] = readAll('250-first\r\n251 last\r\n221 bye\r\n');
    expect(bad).toMatchObject({ kind: 'violation' });
    expect((bad as ProtocolViolation).detail).toContain('changes its code from 250 to 251');
    expect(next).toMatchObject({ kind: 'reply', code: 221 });
  });

  it('records a bare code without the space as a deviation, not a failure', () => {
    const [r] = readAll('250\r\n');
    expect(r).toMatchObject({ kind: 'reply', code: 250, lines: [''] });
    expect((r as Reply).deviations.join()).toContain('no space after the code');
  });

  it('records bare LF line ends, long lines and out-of-grammar codes as deviations', () => {
    const [a] = readAll('250 ok\n');
    expect((a as Reply).deviations.join()).toContain('bare LF');
    const [b] = readAll(`250 ${'x'.repeat(600)}\r\n`);
    expect((b as Reply).deviations.join()).toContain('exceeds the 512-octet limit');
    const [c] = readAll('269 odd\r\n');
    expect((c as Reply).deviations.join()).toContain('outside the Reply-code grammar');
  });

  it('reports garbage lines as violations', () => {
    const [a] = readAll('hello there\r\n');
    expect(a).toMatchObject({ kind: 'violation' });
    const [b] = readAll('250x nope\r\n');
    expect(b).toMatchObject({ kind: 'violation' });
  });

  it('gives up on an endless line instead of buffering it', () => {
    const reader = new ReplyReader({ maxLineOctets: 1024, maxLines: 10 });
    reader.push(Buffer.alloc(2000, 0x41));
    expect(reader.next()).toMatchObject({ kind: 'violation' });
    expect(reader.broken).toBe(true);
    reader.push(Buffer.from('250 ok\r\n'));
    expect(reader.next()).toBeUndefined();
  });

  it('gives up on a reply with too many lines', () => {
    const reader = new ReplyReader({ maxLineOctets: 1024, maxLines: 10 });
    reader.push(Buffer.from('250-x\r\n'.repeat(20)));
    expect(reader.next()).toMatchObject({ kind: 'violation', detail: expect.stringContaining('more than 10 lines') });
  });

  it('property: arbitrary bytes never throw, and every reply has a code of three digits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        const results = readAll(Buffer.from(bytes), chunk);
        for (const r of results) {
          if (r.kind !== 'reply') continue;
          expect(Number.isInteger(r.code) && r.code >= 0 && r.code <= 999).toBe(true);
          expect(r.raw.toString('latin1').slice(0, 3)).toBe(String(r.code).padStart(3, '0'));
        }
      }),
      { numRuns: 500, seed: propertySeed('reply reader: arbitrary bytes') },
    );
  });

  const lineText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
  it('property: a well-formed multi-line reply reads back as its code and lines, in any chunking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 559 }), fc.array(lineText, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 50 }), (code, lines, chunk) => {
        const wire = lines.map((l, i) => `${code}${i === lines.length - 1 ? ' ' : '-'}${l}\r\n`).join('');
        const results = readAll(wire, chunk);
        expect(results).toHaveLength(1);
        expect(results[0]).toMatchObject({ kind: 'reply', code, lines });
        expect((results[0] as Reply).raw.toString('latin1')).toBe(wire);
      }),
      { numRuns: 300, seed: propertySeed('reply reader: multi-line round trip') },
    );
  });
});
