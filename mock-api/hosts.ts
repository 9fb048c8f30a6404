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
