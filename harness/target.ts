/** Where the checks connect: a parsed `smtp://host:port` or `smtps://host:port`. */
export interface Endpoint {
  readonly name: string;
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly implicitTls: boolean;
}

export class BadTarget extends Error {}

/** A plain-SMTP endpoint of a server smtpspec started itself (the reference server), under the name reports show. */
export function plainEndpoint(name: string, at: { readonly host: string; readonly port: number }): Endpoint {
  return { name, url: `smtp://${at.host}:${at.port}`, host: at.host, port: at.port, implicitTls: false };
}

/** Parses `smtp://host[:port]` (default 25) or `smtps://host[:port]` (default 465). */
export function parseTargetUrl(text: string): Endpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BadTarget(`target "${text}" is not a URL: use smtp://host:port, smtps://host:port or "reference"`);
  }
  const implicitTls = url.protocol === 'smtps:';
  if (url.protocol !== 'smtp:' && !implicitTls) {
    throw new BadTarget(`target "${text}" has scheme ${url.protocol} : use smtp:// or smtps://`);
  }
  if (url.hostname === '') throw new BadTarget(`target "${text}" has no host`);
  const port = url.port === '' ? (implicitTls ? 465 : 25) : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { name: `${host}:${port}`, url: `${implicitTls ? 'smtps' : 'smtp'}://${url.host}`, host, port, implicitTls };
}
