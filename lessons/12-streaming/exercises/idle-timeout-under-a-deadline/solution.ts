/** Rejected with when no piece of the body arrives for idleMs. */
export class IdleTimeoutError extends Error {
  override name = 'IdleTimeoutError';
}

/**
 * GET `url` and return its body as text, with an idle timeout on the body that every piece restarts,
 * under a total deadline for the whole exchange.
 */
export async function readText(url: string, idleMs: number, totalMs: number): Promise<string> {
  const idle = new AbortController();
  // fetch and the body read both follow this signal: whichever limit fires first ends them,
  // and they reject with its reason (the IdleTimeoutError, or the deadline's TimeoutError).
  const signal = AbortSignal.any([idle.signal, AbortSignal.timeout(totalMs)]);
  const response = await fetch(url, { signal });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new IdleTimeoutError(`no data for ${idleMs} ms`)), idleMs);
  };
  restart(); // the headers are in: the wait for the first piece starts now
  try {
    const decoder = new TextDecoder();
    let text = '';
    for await (const piece of response.body!) {
      restart();
      text += decoder.decode(piece, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    clearTimeout(timer);
  }
}
