export class BadJsonError extends Error {
  override name = 'BadJsonError';
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(`The ${status} answer is not JSON: ${text.slice(0, 60)}`);
  }
}

export async function logAndParse(
  response: Response,
  log: (text: string) => void,
): Promise<unknown> {
  // The one read: everything else works on this text.
  const text = await response.text();
  log(text);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadJsonError(response.status, text);
  }
}
