import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { arrivalsFor, awaitRelayOrBounce, bounceSender, describeWait, endsWith, sinkOf, sinkRecipient, taggedMessage } from '../../harness/relay.js';
import { required } from '../../harness/setup.js';
import type { Session } from '../../harness/session/session.js';
import { decodedBody, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { sendChunk } from './support.js';

// RFC 3030 seen downstream: chunk data is counted, never scanned (§2: an embedded CRLF.CRLF and
// command text stay content, dot-stuffed on a DATA hop), RSET discards the chunks received so far
// (§2), and binary content is relayed octet for octet to a hop that takes it, converted without
// loss or bounced elsewhere (§3).

/** After the expected copy arrived, how long to watch for a second (smuggled or discarded) message. */
const WATCH_MS = 1_000;

/** MAIL, one RCPT and the message as BDAT LAST (on a greeted session); required steps throw SetupFailed. */
async function bdatTransaction(s: Session, from: string, to: string, message: Buffer, mailParams = ''): Promise<void> {
  required(await s.send(`MAIL FROM:<${from}>${mailParams}`), 'MAIL');
  required(await s.send(`RCPT TO:<${to}>`), 'RCPT (is the sink domain relayed?)', [250, 251]);
  required(await sendChunk(s, message, true), `BDAT ${message.length} LAST`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A single-part MIME message whose body is binary: NUL, bare CR, bare LF, 0xFF, a CRLF.CRLF. */
function binaryMessage(ctx: CheckContext, to: string): { message: Buffer; body: Buffer } {
  const body = Buffer.concat([Buffer.from('binary\x00part\rbare CR\nbare LF\xff\r\n.\r\nend', 'latin1'), Buffer.from([0, 1, 2, 0x0d, 0x0d, 0x0a, 0x0a, 0xfe]), Buffer.from('\r\n', 'latin1')]);
  const headers = 'MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n';
  return { message: taggedMessage(ctx, { to, headers, body }), body };
}

/** RFC 3030 §3 towards a hop without BINARYMIME: a bounce, or valid 7/8-bit MIME that decodes to the original. */
function gradeConverted(ctx: CheckContext, expected: string[], arrival: Awaited<ReturnType<typeof awaitRelayOrBounce>>, body: Buffer): Verdict | undefined {
  if (arrival.bounce) return undefined;
  const t = arrival.delivered;
  if (!t) return undefined;
  const raw = t.raw.toString('latin1');
  const actual = `${describeWait(ctx, arrival)}; ${t.chunks ? 'by BDAT' : 'by DATA'} to the hop without BINARYMIME`;
  if (/\x00|\r(?!\n)|(?<!\r)\n/.test(raw)) return violation(expected, `${actual}, with NUL or bare CR/LF on the wire`, 'binary octets sent over DATA to a hop without BINARYMIME');
  const { encoding, decoded } = decodedBody(t.content);
  if (!decoded.equals(body)) return violation(expected, `${actual}, Content-Transfer-Encoding ${encoding}, decoding to other octets`, 'the conversion lost or changed octets');
  return undefined;
}

export const chunkingRelayChecks = [
  defineCheck({
    id: 'rfc3030/2/chunk-content-is-opaque',
    title: 'Sends one BDAT LAST chunk whose data holds CRLF.CRLF followed by MAIL/RCPT/DATA command text, for a recipient at the sink (a DATA hop)',
    requirement: 'Chunk data MUST be taken as counted octets: one message reaches the next hop with the command text as content (dot-stuffed on DATA), never a second message',
    level: 'MUST',
    catalog: ['3030-2-chunk-content-is-opaque'],
    requires: ['CHUNKING'],
    needs: ['sink'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const to = sinkRecipient(ctx, 'full');
      const spoof = `spoof-${ctx.token}@client.test`;
      const body = Buffer.from(`before\r\n.\r\nMAIL FROM:<${spoof}>\r\nRCPT TO:<victim-${ctx.token}@${sinkOf(ctx).domains.full}>\r\nDATA\r\nsmuggled\r\n.\r\nafter\r\n`, 'latin1');
      await bdatTransaction(s, bounceSender(ctx), to, taggedMessage(ctx, { to, body }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['one message at the sink whose body is the whole chunk text, and no message from the smuggled MAIL FROM'];
      if (!arrival.delivered) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      await sleep(WATCH_MS);
      const all = arrivalsFor(ctx);
      const smuggled = all.find((t) => t.mailFrom.toLowerCase() === spoof.toLowerCase());
      const actual = `${describeWait(ctx, arrival)}; ${all.length} transaction(s) at the sink${smuggled ? `, one from <${smuggled.mailFrom}>` : ''}`;
      if (smuggled) return violation(expected, actual, 'the command text inside the chunk became a second message downstream');
      if (!endsWith(arrival.delivered.content, body)) return violation(expected, `${actual}; the body arrived cut or changed`, 'the content was not relayed as counted (truncated at the embedded dot line?)');
      return pass(expected, actual);
    },
  }),
  defineCheck({
    id: 'rfc3030/2/rset-clears-chunks',
    title: 'Sends MAIL, RCPT, a BDAT chunk (not LAST), RSET, then a new MAIL, RCPT and the whole message as BDAT LAST',
    requirement: 'RSET MUST discard the chunks received so far: only the second message reaches the sink, without the first chunk',
    level: 'MUST',
    catalog: ['3030-2-rset-clears-chunks'],
    requires: ['CHUNKING'],
    needs: ['sink'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const marker = `X-Discarded-${ctx.token}: 1\r\n`;
      const first = sinkRecipient(ctx, 'full', 'first');
      required(await s.send(`MAIL FROM:<${bounceSender(ctx, 'first')}>`), 'MAIL');
      required(await s.send(`RCPT TO:<${first}>`), 'RCPT (is the sink domain relayed?)', [250, 251]);
      required(await sendChunk(s, marker, false), `BDAT ${marker.length}`);
      required(await s.send('RSET'), 'RSET');
      const second = sinkRecipient(ctx, 'full', 'second');
      const message = taggedMessage(ctx, { to: second, body: 'the only message\r\n' });
      await bdatTransaction(s, bounceSender(ctx, 'second'), second, message);
      const arrival = await awaitRelayOrBounce(ctx, 'second');
      const expected = ['the second message alone at the sink, without the discarded chunk; nothing for the first transaction'];
      if (!arrival.delivered) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the second message did not reach the sink');
      await sleep(WATCH_MS);
      const ghost = arrivalsFor(ctx).find((t) => t.rcpts.some((r) => r.address.toLowerCase() === first.toLowerCase()));
      const content = arrival.delivered.content.toString('latin1');
      const actual = `${describeWait(ctx, arrival)}${ghost ? '; the first transaction was delivered too' : ''}${content.includes(marker.trim()) ? '; the discarded chunk is in the second message' : ''}`;
      if (ghost) return violation(expected, actual, 'the transaction ended by RSET was delivered');
      if (content.includes(marker.trim())) return violation(expected, actual, 'the chunk received before RSET was kept');
      if (!endsWith(arrival.delivered.content, message)) return violation(expected, `${actual}; the message arrived changed`, 'the second message was not relayed as sent');
      return pass(expected, actual);
    },
  }),
  defineCheck({
    id: 'rfc3030/3/binarymime-preserved',
    title: 'Sends a binary MIME body (NUL, bare CR and LF, 0xFF) with BODY=BINARYMIME by BDAT, to chunking.sink.test (BINARYMIME) and to sink.test (no BINARYMIME)',
    requirement: 'Relayed BINARYMIME content MUST keep every octet; towards a hop without BINARYMIME it is converted without loss or bounced, never sent as binary over DATA',
    level: 'MUST',
    catalog: ['3030-3-binarymime-preserved'],
    requires: ['CHUNKING', 'BINARYMIME'],
    needs: ['sink'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const capableTo = sinkRecipient(ctx, 'chunking', 'bin');
      const otherTo = sinkRecipient(ctx, 'full', 'conv');
      const capable = binaryMessage(ctx, capableTo);
      await bdatTransaction(s, bounceSender(ctx, 'bin'), capableTo, capable.message, ' BODY=BINARYMIME');
      const other = binaryMessage(ctx, otherTo);
      await bdatTransaction(s, bounceSender(ctx, 'conv'), otherTo, other.message, ' BODY=BINARYMIME');
      const [a, b] = await Promise.all([awaitRelayOrBounce(ctx, 'bin'), awaitRelayOrBounce(ctx, 'conv')]);
      const expected = ['chunking.sink.test: the message octet for octet (BDAT, BODY=BINARYMIME)', 'sink.test: a bounce, or 7/8-bit MIME decoding to the original body'];
      const converted = gradeConverted(ctx, expected, b, other.body);
      if (converted) return converted;
      const otherSaid = b.bounce ? 'sink.test: bounced' : b.delivered ? 'sink.test: converted without loss' : `sink.test: ${describeWait(ctx, b)}`;
      const t = a.delivered;
      if (!t) return inconclusive(expected, `chunking.sink.test: ${a.bounce ? 'bounced' : describeWait(ctx, a)}; ${otherSaid}`, 'the message for the BINARYMIME hop was not relayed there');
      const actual = `chunking.sink.test: ${describeWait(ctx, a)} by ${t.chunks ? `BDAT (${t.chunks.length} chunk(s))` : 'DATA'}, ${t.mailParams.join(' ') || 'no MAIL parameters'}; ${otherSaid}`;
      if (!endsWith(t.content, capable.body) || !splitMessage(t.content).body.equals(capable.body)) return violation(expected, actual, 'the binary body arrived changed at the BINARYMIME hop');
      return pass(expected, actual);
    },
  }),
];
