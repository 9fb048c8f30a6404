/** The virtual hosts the mock API answers, and how the local server maps its paths onto them. */
export const API_HOST = 'https://api.example.com';
export const GITHUB_HOST = 'https://api.github.com';
/** Every request to this host fails like a DNS or connection error. */
export const DOWN_HOST = 'https://down.example.com';

export type MockHost = typeof API_HOST | typeof GITHUB_HOST | typeof DOWN_HOST;

/** Path prefixes under which the local server (`npm run mock-api`) serves each host. */
export const localPrefixes: Record<MockHost, string> = {
  [API_HOST]: '',
  [GITHUB_HOST]: '/github',
  [DOWN_HOST]: '/down',
};

/** Default origin of the local server, used in the documented curl lines. */
export const LOCAL_ORIGIN = 'http://127.0.0.1:4010';

/** Turns a local server path (`/github/repos/python/cpython?x=1`) into the virtual URL it stands for. */
export function virtualUrlFromLocalPath(pathAndQuery: string): string {
  for (const host of [GITHUB_HOST, DOWN_HOST] as const) {
    const prefix = localPrefixes[host];
    if (
      pathAndQuery === prefix ||
      pathAndQuery.startsWith(`${prefix}/`) ||
      pathAndQuery.startsWith(`${prefix}?`)
    ) {
      const rest = pathAndQuery.slice(prefix.length);
      return host + (rest.startsWith('/') ? rest : `/${rest}`);
    }
  }
  return API_HOST + pathAndQuery;
}

/** Turns a virtual URL back into its local-server URL (for `Link` and `Location` headers, curl lines). */
export function localUrlFromVirtual(
  virtualUrl: string,
  localOrigin: string = LOCAL_ORIGIN,
): string {
  for (const host of [API_HOST, GITHUB_HOST, DOWN_HOST] as const) {
    if (
      virtualUrl === host ||
      virtualUrl.startsWith(`${host}/`) ||
      virtualUrl.startsWith(`${host}?`)
    ) {
      return localOrigin + localPrefixes[host] + virtualUrl.slice(host.length);
    }
  }
  return virtualUrl;
}

/**
 * The origin a rewritten link or Location names. This server has one origin for all the mock's
 * hosts, so a redirect from api.example.com to api.github.com would look same-origin to a client
 * here, and fetch and requests would keep sending `Authorization` where, between the real hosts,
 * they drop it. A URL on another of the mock's hosts is therefore written with the server's other
 * loopback name (127.0.0.1 ↔ localhost): the client sees a host change, as it would for real.
 */
export function localOriginFor(virtualUrl: string, requestOrigin: string, hostHeader = ''): string {
  const here = `http://${hostHeader}`;
  let target: string;
  try {
    target = new URL(virtualUrl).origin;
  } catch {
    return here;
  }
  if (target === requestOrigin || !Object.hasOwn(localPrefixes, target)) return here;
  const loopback = /^(127\.0\.0\.1|localhost)(:\d+)?$/i.exec(hostHeader);
  if (!loopback) return here;
  const other = loopback[1]!.toLowerCase() === 'localhost' ? '127.0.0.1' : 'localhost';
  return `http://${other}${loopback[2] ?? ''}`;
}

/**
 * A response header as a client of the local server sees it: links and locations point at the
 * virtual hosts, and a client there must follow them to the local server instead.
 */
export function localHeaderValue(
  name: string,
  value: string,
  requestOrigin: string,
  hostHeader = '',
): string {
  const lower = name.toLowerCase();
  if (lower !== 'link' && lower !== 'location') return value;
  return value.replace(/https:\/\/[a-z.]+\.com[^>,\s]*/g, (url) =>
    localUrlFromVirtual(url, localOriginFor(url, requestOrigin, hostHeader)),
  );
}
