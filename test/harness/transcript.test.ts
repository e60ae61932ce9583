import { describe, expect, it } from 'vitest';
import { Transcript } from '../../harness/session/transcript.js';
import { credentialSecrets, plainResponse } from '../../harness/session/sasl.js';

describe('Transcript', () => {
  it('marks direction and TLS, and escapes bytes that are not printable', () => {
    const t = new Transcript();
    t.sent(Buffer.from('EHLO a\r\nRSET\nQUIT\x00\r\n', 'latin1'), false);
    t.received(Buffer.from('250 ok\r\n'), true);
    t.event('closed');
    expect(t.render()).toBe('-> EHLO a\\r\\n\n-> RSET\\nQUIT\\x00\\r\\n\n<~ 250 ok\\r\\n\n** closed');
  });

  it('redacts every form of a credential, even when the server echoes it', () => {
    const t = new Transcript();
    const creds = { user: 'alice', pass: 's3cret-pass' };
    for (const s of credentialSecrets(creds)) t.addSecret(s);
    t.sent(Buffer.from(`AUTH PLAIN ${plainResponse(creds)}\r\n`), false);
    t.received(Buffer.from('535 5.7.8 bad password s3cret-pass for alice\r\n'), false);
    const text = t.render();
    expect(text).not.toContain('s3cret-pass');
    expect(text).not.toContain(plainResponse(creds));
    expect(text).not.toContain('alice');
    expect(text).toContain('[redacted]');
  });

  it('stays bounded for huge writes', () => {
    const t = new Transcript();
    t.sent(Buffer.alloc(1 << 20, 0x61), false);
    expect(t.render().length).toBeLessThan(20_000);
    expect(t.render()).toContain('octets not shown');
  });
});
