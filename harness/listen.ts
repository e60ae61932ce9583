import type { Server } from 'node:net';

/** Listens on 127.0.0.1 only (never another address) and resolves the port, 0 meaning a free one. */
export function listenOnLoopback(server: Server, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error(`${what} has no TCP address`));
      resolve(address.port);
    });
  });
}
