import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyArbitrary, deliveredContent, END_OF_DATA, wireContent } from '../../../harness/model/body.js';
import { Session } from '../../../harness/session/session.js';
import { startReferenceServer, type ReferenceServer } from '../../../fixtures/reference/index.js';

// The body generator and what the relay sink will compare (prop/4.5.2/body-transparency), tried
// against the reference server's own store of delivered messages as a stand-in for the sink.

const seed = Number(process.env.SMTPSPEC_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

describe(`message bodies (seed ${seed})`, () => {
  it('are dot-stuffed on the wire and compared without the stuffing dots', () => {
    expect(wireContent(['.', '..x', 'a']).toString('latin1')).toBe('..\r\n...x\r\na\r\n');
    expect(deliveredContent(['.', '..x', 'a']).toString('latin1')).toBe('.\r\n..x\r\na\r\n');
  });

  it('arrive byte-identical: leading dots, 998-octet lines, 8-bit text with BODY=8BITMIME', async () => {
    console.log(`body generator seed ${seed}`);
    let longest = 0;
    await fc.assert(
      fc.asyncProperty(bodyArbitrary({ maxLines: 12, eightBit: true, long: true }), async (lines) => {
        const s = await Session.open({ host: server.host, port: server.port, replyTimeoutMs: 3_000 });
        try {
          for (const line of ['EHLO client.test', 'MAIL FROM:<sender@client.test> BODY=8BITMIME', 'RCPT TO:<user@reference.test>']) expect((await s.send(line)).kind).toBe('reply');
          expect(await s.send('DATA')).toMatchObject({ code: 354 });
          await s.sendRaw(Buffer.concat([wireContent(lines), Buffer.from(END_OF_DATA, 'latin1')]));
          expect(await s.read()).toMatchObject({ code: 250 });
          expect(server.delivered.at(-1)!.data.equals(deliveredContent(lines))).toBe(true);
          longest = Math.max(longest, ...lines.map((l) => l.length));
        } finally {
          s.close();
        }
      }),
      { seed, numRuns: 40 },
    );
    expect(longest).toBeGreaterThan(76);
  });
});
