import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../harness/session/session.js';
import { startSink, type Sink } from '../../../harness/sink/sink.js';
import type { SinkProfile } from '../../../harness/sink/types.js';

// The relay sink over real sockets: what each profile advertises, and that a transaction is
// recorded octet-exact (raw wire data, unstuffed content, envelope, parameters, EHLO name).

let sink: Sink;
beforeAll(async () => {
  sink = await startSink({ waitMs: 2_000 });
});
afterAll(() => sink.close());

async function open(profile: SinkProfile): Promise<Session> {
  const s = await Session.open({ host: '127.0.0.1', port: sink.ports[profile], replyTimeoutMs: 2_000 });
  expect(s.greeting).toMatchObject({ kind: 'reply', code: 220 });
  return s;
}

async function transaction(profile: SinkProfile, rcpt: string, data: string, params = ''): Promise<void> {
  const s = await open(profile);
  try {
    expect(await s.ehlo('relay.example.test')).toMatchObject({ code: 250 });
    expect(await s.send(`MAIL FROM:<from@example.test>${params}`)).toMatchObject({ code: 250 });
    expect(await s.send(`RCPT TO:<${rcpt}> NOTIFY=NEVER`)).toMatchObject({ code: 250 });
    expect(await s.send('DATA')).toMatchObject({ code: 354 });
    // Split in two writes, the terminator across them, as TCP may deliver it.
    await s.sendRaw(data.slice(0, -3));
    await new Promise((r) => setTimeout(r, 20));
    await s.sendRaw(data.slice(-3));
    expect(await s.read()).toMatchObject({ code: 250 });
  } finally {
    s.close();
  }
}

describe('the relay sink', () => {
  it('listens per profile on loopback ports and routes each domain to one of them', () => {
    expect(new Set(Object.values(sink.ports)).size).toBe(7);
    expect(sink.routes).toEqual({
      'sink.test': sink.ports.full,
      '7bit.sink.test': sink.ports.sevenBit,
      'noutf8.sink.test': sink.ports.noUtf8,
      'refuse.sink.test': sink.ports.refuse,
      'bounce.test': sink.ports.bounce,
      'nodsn.sink.test': sink.ports.noDsn,
      'chunking.sink.test': sink.ports.chunking,
    });
  });

  it.each([
    ['full', ['8BITMIME', 'SMTPUTF8', 'PIPELINING', 'DSN', 'SIZE'], []],
    ['sevenBit', ['PIPELINING', 'DSN', 'SIZE'], ['8BITMIME', 'SMTPUTF8']],
    ['noUtf8', ['8BITMIME', 'PIPELINING'], ['SMTPUTF8']],
    ['noDsn', ['8BITMIME', 'SMTPUTF8', 'PIPELINING'], ['DSN', 'CHUNKING']],
    ['chunking', ['CHUNKING', 'BINARYMIME', 'DSN', '8BITMIME'], []],
  ] as const)('%s advertises its extensions', async (profile, present, absent) => {
    const s = await open(profile);
    try {
      await s.ehlo('client.test');
      for (const k of present) expect(s.has(k), k).toBe(true);
      for (const k of absent) expect(s.has(k), k).toBe(false);
    } finally {
      s.close();
    }
  });

  it('records the raw octets, the unstuffed content, the envelope and the EHLO name', async () => {
    const data = 'Subject: x\r\n\r\n..dot\r\nbare\nlf\r\n.\r\n';
    await transaction('full', 'record-1@sink.test', data, ' BODY=8BITMIME');
    const t = await sink.waitFor((x) => x.rcpts.some((r) => r.address === 'record-1@sink.test'), 1_000);
    expect(t).toBeDefined();
    expect(t!.raw.toString('latin1')).toBe(data);
    expect(t!.content.toString('latin1')).toBe('Subject: x\r\n\r\n.dot\r\nbare\nlf\r\n');
    expect(t).toMatchObject({ profile: 'full', heloName: 'relay.example.test', heloVerb: 'EHLO', mailFrom: 'from@example.test', mailParams: ['BODY=8BITMIME'], reply: 250 });
    expect(t!.rcpts).toEqual([{ address: 'record-1@sink.test', params: ['NOTIFY=NEVER'] }]);
  });

  it('never ends the data at a bare LF or CR before a dot (the recorded message keeps them)', async () => {
    const data = 'a\n.\nb\r.\rc\r\n.\r\n';
    await transaction('full', 'record-2@sink.test', data);
    const t = await sink.waitFor((x) => x.rcpts.some((r) => r.address === 'record-2@sink.test'), 1_000);
    expect(t!.content.toString('latin1')).toBe('a\n.\nb\r.\rc\r\n');
  });

  it('records an empty message', async () => {
    await transaction('sevenBit', 'empty@7bit.sink.test', '.\r\n');
    const t = await sink.waitFor((x) => x.rcpts.some((r) => r.address === 'empty@7bit.sink.test'), 1_000);
    expect(t).toMatchObject({ profile: 'sevenBit' });
    expect(t!.content.length).toBe(0);
  });

  it('refuses every recipient on the refuse profile, and reject-me on the full one', async () => {
    for (const [profile, rcpt] of [['refuse', 'anyone@refuse.sink.test'], ['full', 'reject-me@sink.test']] as const) {
      const s = await open(profile);
      try {
        await s.ehlo('client.test');
        await s.send('MAIL FROM:<a@example.test>');
        expect(await s.send(`RCPT TO:<${rcpt}>`)).toMatchObject({ code: 550, enhanced: '5.1.1' });
      } finally {
        s.close();
      }
    }
  });

  it('waitFor resolves when the transaction arrives, and with undefined after its timeout', async () => {
    const waiting = sink.waitFor((x) => x.rcpts.some((r) => r.address === 'later@sink.test'), 2_000);
    await transaction('full', 'later@sink.test', 'x\r\n.\r\n');
    expect((await waiting)?.rcpts[0]?.address).toBe('later@sink.test');
    const started = Date.now();
    expect(await sink.waitFor(() => false, 100)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('records BDAT chunks on the chunking profile octet-exact, with their sizes', async () => {
    const s = await open('chunking');
    try {
      await s.ehlo('client.test');
      await s.send('MAIL FROM:<a@example.test> BODY=BINARYMIME');
      await s.send('RCPT TO:<chunks@chunking.sink.test>');
      const first = Buffer.from('Subject: c\r\n\r\n\r\n.\r\nQUIT\r\n', 'latin1');
      await s.sendRaw(Buffer.concat([Buffer.from(`BDAT ${first.length}\r\n`), first]));
      expect(await s.read()).toMatchObject({ code: 250 });
      const second = Buffer.from([0, 13, 10, 10, 0xff]);
      await s.sendRaw(Buffer.concat([Buffer.from(`BDAT ${second.length} LAST\r\n`), second]));
      expect(await s.read()).toMatchObject({ code: 250 });
      const t = await sink.waitFor((x) => x.rcpts.some((r) => r.address === 'chunks@chunking.sink.test'), 1_000);
      expect(t?.chunks).toEqual([first.length, second.length]);
      expect(t?.content.equals(Buffer.concat([first, second]))).toBe(true);
      expect(await s.send('NOOP')).toMatchObject({ code: 250 });
    } finally {
      s.close();
    }
  });

  it('does not take BDAT on a profile without CHUNKING', async () => {
    const s = await open('full');
    try {
      await s.ehlo('client.test');
      expect(await s.send('BDAT 0 LAST')).toMatchObject({ code: 500 });
    } finally {
      s.close();
    }
  });

  it('logs every RCPT, refused ones too, where it arrived (routing probes)', async () => {
    const s = await open('refuse');
    try {
      await s.ehlo('client.test');
      await s.send('MAIL FROM:<a@example.test>');
      await s.send('RCPT TO:<probe-1@refuse.sink.test>');
      const seen = await sink.waitForRcpt((r) => r.address === 'probe-1@refuse.sink.test', 1_000);
      expect(seen).toMatchObject({ profile: 'refuse', accepted: false });
      expect(await sink.waitForRcpt((r) => r.address === 'never@sink.test', 50)).toBeUndefined();
    } finally {
      s.close();
    }
  });
});
