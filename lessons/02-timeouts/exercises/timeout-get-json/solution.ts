export async function getJson(url: string, timeoutMs: number): Promise<unknown> {
  // One signal for the whole exchange: it also aborts a body that is still arriving.
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { signal });
  if (!response.ok) {
    throw new Error(`GET ${url} failed: ${response.status} ${response.statusText}`);
  }
  return await response.json();
}
