import { connect } from 'node:net';

/** Reads the first reply on a fresh connection: its full text, or why there was none. */
function readGreeting(host: string, port: number, timeoutMs: number): Promise<{ reply?: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let buffer = '';
    const done = (r: { reply?: string; error?: string }) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ error: `no greeting within ${timeoutMs} ms` }), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      // The last line of a reply has a space (or nothing) after the code.
      const last = /(?:^|\r\n)(\d{3})(?: [^\r\n]*)?\r\n/.exec(buffer);
      if (last) {
        socket.write('QUIT\r\n');
        done({ reply: buffer.trimEnd() });
      }
    });
    socket.on('error', (err) => done({ error: err.message }));
    socket.on('close', () => done({ error: buffer === '' ? 'closed without a greeting' : `closed after ${JSON.stringify(buffer)}` }));
  });
}

/**
 * Waits until the server at host:port answers with a 220 greeting: retries refused connections
 * (the daemon is still starting) until the deadline. Returns the greeting; throws with the last
 * reason otherwise. `alive` stops the wait early when the daemon has already died.
 */
export async function waitForGreeting(host: string, port: number, opts: { timeoutMs: number; alive?: () => boolean }): Promise<string> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = 'not tried';
  while (Date.now() < deadline) {
    if (opts.alive && !opts.alive()) throw new Error(`the server exited before it greeted (last attempt: ${last})`);
    const r = await readGreeting(host, port, Math.max(500, Math.min(5_000, deadline - Date.now())));
    if (r.reply !== undefined && r.reply.startsWith('220')) return r.reply;
    last = r.reply ?? r.error ?? 'unknown';
    if (r.reply !== undefined) throw new Error(`the server greeted with "${r.reply}" instead of 220`);
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no 220 greeting on ${host}:${port} within ${opts.timeoutMs} ms (last attempt: ${last})`);
}
