export async function send(
  method: 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${method} ${url} failed: ${response.status}`);
  // A 204 (or any empty answer) has no JSON to parse: response.json() would throw.
  const text = await response.text();
  return text === '' ? undefined : JSON.parse(text);
}
