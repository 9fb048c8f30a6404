export function createClient(
  baseUrl: string,
  token: string,
  defaults: HeadersInit = {},
): (path: string, init?: RequestInit) => Promise<Response> {
  return (path, init = {}) => {
    const headers = new Headers(defaults);
    headers.set('Authorization', `Bearer ${token}`);
    // new Headers() reads every form fetch accepts: an object, a Headers, a list of pairs.
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    return fetch(new URL(path, baseUrl), { ...init, headers });
  };
}
