import { describe, expect, it } from 'vitest';
import { isPolicyRefusal, isProtocolError, isSyntaxRefusal } from '../../../harness/model/replies.js';
import type { Reply } from '../../../harness/session/outcome.js';

const reply = (code: number, enhanced?: string): Reply => ({ kind: 'reply', code, enhanced, lines: ['x'], raw: Buffer.alloc(0), deviations: [] });

describe('how the model reads a refusal', () => {
  it('protocol errors are 500-504 and 555 (the hygiene budget counts them)', () => {
    expect([500, 501, 502, 503, 504, 555].map((c) => isProtocolError(reply(c)))).toEqual([true, true, true, true, true, true]);
    expect([550, 553, 554, 450, 250].map((c) => isProtocolError(reply(c)))).toEqual([false, false, false, false, false]);
  });

  it('a refused RCPT for policy (550 no such user, 554 relay denied, 450 greylisting) is not the client\'s error', () => {
    for (const r of [reply(550, '5.1.1'), reply(554, '5.7.1'), reply(450, '4.2.0'), reply(452, '4.5.3'), reply(553, '5.7.1')]) expect(isPolicyRefusal(r)).toBe(true);
    for (const r of [reply(501, '5.1.3'), reply(503, '5.5.1'), reply(250, '2.1.5')]) expect(isPolicyRefusal(r)).toBe(false);
  });

  it('a syntax refusal is 500/501/555, 553 unless X.7.x, or an X.1.3/X.1.7/X.5.2 code', () => {
    for (const r of [reply(501, '5.1.3'), reply(501), reply(553), reply(553, '5.1.3'), reply(550, '5.1.7'), reply(554, '5.5.2')]) expect(isSyntaxRefusal(r), String(r.code)).toBe(true);
    for (const r of [reply(550, '5.1.1'), reply(553, '5.7.1'), reply(550), reply(450, '4.1.8'), reply(250, '2.1.0')]) expect(isSyntaxRefusal(r), `${r.code} ${r.enhanced}`).toBe(false);
  });
});
