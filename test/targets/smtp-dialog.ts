import { connect } from 'node:net';

// Tiny SMTP clients for the target tests: they check what a started server really says, without
// the harness's Session (whose behaviour the suite's own tests cover).

/** Sends each command in turn on a fresh connection, after the greeting; returns each reply's lines (without CRLF). */
export function dialog(port: number, commands: readonly string[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    const replies: string[][] = [];
    let buf = '';
    let greeted = false;
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      buf += d;
      // A reply is complete at its last line: the code followed by a space.
      if (!/(?:^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buf)) return;
      if (greeted) replies.push(buf.split('\r\n').filter((l) => l !== ''));
      greeted = true;
      buf = '';
      const next = commands[replies.length];
      if (next === undefined) {
        s.end('QUIT\r\n');
        resolve(replies);
      } else s.write(`${next}\r\n`);
    });
    s.on('error', reject);
    setTimeout(() => reject(new Error(`dialog stalled after ${JSON.stringify(replies)} ${JSON.stringify(buf)}`)), 10_000).unref();
  });
}

/** EHLO on a fresh connection: the keywords after the first line. */
export async function ehloKeywords(port: number): Promise<string[]> {
  const [ehlo = []] = await dialog(port, ['EHLO client.test']);
  return ehlo.slice(1).map((l) => l.slice(4));
}
