/**
 * How much of one request the record keeps: a URL, its headers and its bodies are cut to sizes a
 * Network table can lay out at once. The sandbox applies these when it reports a row, and the host
 * (the page, the Node parent) applies them again to whatever arrives, so a subverted sandbox cannot
 * send 1,000 rows with 60 kB URLs either (the red-team froze a page for 75 s that way).
 */
import { assertNever } from './assert-never.ts';
import type { CapturedBody, HeaderList, NetworkEvent } from './protocol.ts';

export const NETWORK_CAPS = {
  /** Characters of a URL (browsers and servers commonly refuse longer ones). */
  urlChars: 2_000,
  /** Characters of a method name. */
  methodChars: 32,
  /** Headers listed per request or response. */
  headers: 64,
  /** Characters of one header name. */
  headerNameChars: 100,
  /** Characters of one header value. */
  headerValueChars: 1_000,
  /** Characters of all of one row's header names and values together. */
  headerChars: 16_000,
  /** Characters of a body. */
  bodyChars: 64 * 1024,
  /** Characters of a failure's reason or an abort's message. */
  textChars: 500,
} as const;

/** `text` cut to `max` characters, saying how many were left out. */
export function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}

/** The headers a row keeps: the first 64, each cut, 16,000 characters in all; a last entry says what is missing. */
export function capHeaders(headers: HeaderList): HeaderList {
  const kept: HeaderList = [];
  let chars = 0;
  for (const [name, value] of headers) {
    const entry: [string, string] = [
      cutText(String(name), NETWORK_CAPS.headerNameChars),
      cutText(String(value), NETWORK_CAPS.headerValueChars),
    ];
    const size = entry[0].length + entry[1].length;
    if (kept.length >= NETWORK_CAPS.headers || chars + size > NETWORK_CAPS.headerChars) {
      kept.push(['…', `${headers.length - kept.length} more headers not shown`]);
      break;
    }
    kept.push(entry);
    chars += size;
  }
  return kept;
}

function capBody(body: CapturedBody | null): CapturedBody | null {
  if (!body) return null;
  const text = String(body.text);
  const truncated = Number(body.truncated) || 0;
  return text.length > NETWORK_CAPS.bodyChars
    ? {
        text: text.slice(0, NETWORK_CAPS.bodyChars),
        truncated: truncated + text.length - NETWORK_CAPS.bodyChars,
      }
    : { text, truncated };
}

/** `event` with every field within NETWORK_CAPS (a copy; the fields of a well-behaved event are kept). */
export function capNetworkEvent(event: NetworkEvent): NetworkEvent {
  switch (event.kind) {
    case 'request':
      return {
        ...event,
        method: cutText(String(event.method), NETWORK_CAPS.methodChars),
        url: cutText(String(event.url), NETWORK_CAPS.urlChars),
        headers: capHeaders(Array.isArray(event.headers) ? event.headers : []),
        body: capBody(event.body),
      };
    case 'response':
      return {
        ...event,
        statusText: cutText(String(event.statusText), NETWORK_CAPS.textChars),
        headers: capHeaders(Array.isArray(event.headers) ? event.headers : []),
        body: capBody(event.body),
        ...(event.note === undefined
          ? {}
          : { note: cutText(String(event.note), NETWORK_CAPS.textChars) }),
      };
    case 'failed':
      return { ...event, reason: cutText(String(event.reason), NETWORK_CAPS.textChars) };
    case 'aborted':
      return {
        ...event,
        reason: cutText(String(event.reason), NETWORK_CAPS.textChars),
        message: cutText(String(event.message), NETWORK_CAPS.textChars),
      };
    default:
      return assertNever(event);
  }
}
