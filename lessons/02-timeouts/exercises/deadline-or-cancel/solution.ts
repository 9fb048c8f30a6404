export async function getText(
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  const deadline = AbortSignal.timeout(timeoutMs);
  // One signal that fires on whichever comes first; its reason says which one (name).
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const response = await fetch(url, { signal: combined });
  return await response.text();
}
