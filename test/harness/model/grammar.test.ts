import { describe, expect, it } from 'vitest';
import { replyProblems } from '../../../harness/model/grammar.js';
import { ReplyReader } from '../../../harness/session/reply-reader.js';
import type { Outcome } from '../../../harness/session/outcome.js';

const read = (wire: string): Outcome => {
  const r = new ReplyReader();
  r.push(Buffer.from(wire, 'latin1'));
  return r.next()!;
};

describe('reply grammar judged by the property (RFC 5321 §4.2, RFC 2034 §4)', () => {
  it('accepts well-formed replies with enhanced codes of their class', () => {
    expect(replyProblems('NOOP', read('250 2.0.0 OK\r\n'), true)).toEqual({ hard: [], soft: [] });
    expect(replyProblems('HELP', read('214-2.0.0 a\r\n214 2.0.0 b\r\n'), true).hard).toEqual([]);
    // RFC 2034 §3: greeting and HELO/EHLO replies carry no enhanced code; 3xx neither.
    expect(replyProblems('EHLO', read('250-x.test\r\n250 HELP\r\n'), true).hard).toEqual([]);
    expect(replyProblems('greeting', read('220 x.test ESMTP\r\n'), true).hard).toEqual([]);
    expect(replyProblems('DATA', read('354 go ahead\r\n'), true).hard).toEqual([]);
  });

  it('flags a code change inside a multi-line reply, bare LF, and codes outside the grammar', () => {
    expect(replyProblems('HELP', read('214-2.0.0 a\r\n250 2.0.0 b\r\n'), false).hard[0]).toMatch(/changes its code from 214 to 250/);
    expect(replyProblems('NOOP', read('250 ok\n'), false).hard[0]).toMatch(/bare LF/);
    expect(replyProblems('NOOP', read('270 ok\r\n'), false).hard[0]).toMatch(/outside the Reply-code grammar/);
  });

  it('with ENHANCEDSTATUSCODES: missing, wrong class, different per line', () => {
    expect(replyProblems('NOOP', read('250 OK\r\n'), true).hard[0]).toMatch(/without an enhanced status code/);
    expect(replyProblems('RCPT', read('550 2.1.1 no\r\n'), true).hard[0]).toMatch(/does not have the class of 550/);
    expect(replyProblems('HELP', read('214-2.0.0 a\r\n214 2.0.1 b\r\n'), true).hard[0]).toMatch(/2\.0\.0 and 2\.0\.1/);
    // Without the keyword, none of this is required.
    expect(replyProblems('NOOP', read('250 OK\r\n'), false).hard).toEqual([]);
  });

  it('a missing space after the code only breaks a SHOULD', () => {
    expect(replyProblems('NOOP', read('250\r\n'), false)).toMatchObject({ hard: [], soft: [expect.stringMatching(/no space after the code/)] });
  });
});
