import os from 'node:os';

/** A REST listener in Kafka Connect's `listeners` form, `http://host:port` (empty host: all interfaces). */
export interface Listener {
  protocol: 'http';
  /** '' for all interfaces. */
  host: string;
  port: number;
}

const LISTENER = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/[\]]*):(\d+)\/?$/;

export function parseListener(url: string): Listener {
  const match = LISTENER.exec(url.trim());
  if (match === null) throw new Error(`Could not parse listener URL ${url}; expected http://host:port`);
  const protocol = (match[1] ?? '').toLowerCase();
  if (protocol === 'https') throw new Error(`HTTPS listeners are not supported yet: ${url}`);
  if (protocol !== 'http') {
    throw new Error(`Listener protocol must be either "http" or "https", but the listener url ${url} has ${protocol}`);
  }
  const port = Number(match[3]);
  if (port > 65535) throw new Error(`Invalid port in listener URL ${url}`);
  return { protocol, host: (match[2] ?? '').replace(/^\[|\]$/g, ''), port };
}

/** The address to bind: Kafka's empty host means every interface, IPv6 and IPv4. */
export function bindHost(listener: Listener): string {
  return listener.host === '' ? '::' : listener.host;
}

/** The URL other workers and status `worker_id` use for a listener bound on `port`. */
export function advertisedUrlOf(listener: Listener, port: number): string {
  const host = listener.host === '' || listener.host === '0.0.0.0' || listener.host === '::' ? os.hostname() : listener.host;
  return `${listener.protocol}://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}
