// Where the token may be sent: the Tracker API address a user configures.

/**
 * Returns why the base URL cannot be used, or undefined when it is fine:
 * https anywhere, plain http only to this machine (the token would otherwise
 * travel in clear text).
 */
export function checkBaseUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return `The Tracker API address "${url}" is not a valid URL.`;
  }
  if (u.username || u.password) return 'The Tracker API address must not contain a user name or password.';
  if (u.search || u.hash) return 'The Tracker API address must not contain a query or fragment.';
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:') {
    if (isLoopbackHost(u.hostname)) return undefined;
    return `The Tracker API address must use https:// (plain http:// is allowed only for 127.0.0.1, localhost or [::1]): ${u.origin}`;
  }
  return `The Tracker API address must start with https:// (got "${u.protocol}").`;
}

/** The address as requests are built from it: no surrounding spaces, no trailing slash. */
export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** True for a host name of this machine: localhost, 127.x.y.z or [::1] (as URL.hostname spells it). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}
