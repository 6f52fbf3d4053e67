import { isIP } from 'node:net';

/**
 * Whether a request's Host names this machine the way a browser on it would: `localhost` or a
 * `.localhost` name, a loopback address, or a host the user allowed (`--allowed-hosts`, as Vite's
 * `server.allowedHosts`, and the `--host` the server listens on). Any other name may be a
 * DNS-rebinding page reaching the console or @connections through the browser, so those answer only
 * these hosts.
 */
export function isAllowedHost(host: string | undefined, allowedHosts: readonly string[]): boolean {
  if (host === undefined) return false;
  const name = hostName(host).toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost') || isLoopback(name)) return true;
  return allowedHosts.some((allowed) => {
    const pattern = allowed.toLowerCase();
    // A leading dot allows the name and every subdomain, as Vite reads it.
    return pattern.startsWith('.') ? name === pattern.slice(1) || name.endsWith(pattern) : name === pattern;
  });
}

function isLoopback(name: string): boolean {
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name.startsWith('::ffff:127.');
}

/** The host name of a Host header, without its port; an IPv6 literal without its brackets. */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/** What a 403 for a Host that is not allowed says: how to allow it. */
export function hostRefusal(host: string | undefined): string {
  return `Forbidden: the host "${host ?? ''}" is not allowed; start with --allowed-hosts ${hostName(host ?? '') || '<host>'} to allow it`;
}
