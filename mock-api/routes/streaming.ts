/**
 * Streaming endpoints: NDJSON (`/stream/{n}`), Server-Sent Events (`/sse`) and a body that drips
 * bytes with a Content-Length (`/drip`, after httpbin's). Each can end cleanly, stall (the connection
 * stays open, nothing more comes) or be cut mid-body. Records are split across pieces on purpose,
 * half a record at a time, as a network splits them: a reader must buffer up to each line's end.
 */
import { HttpResponse } from 'msw';
import { sleep } from '../abortable';
import { API_HOST } from '../hosts';
import { problem } from '../respond';
import type { Route } from '../route';
import {
  STREAMED_BODY_HEADER,
  timedStream,
  type StreamEnd,
  type TimedPieces,
} from '../timed-stream';

const host = API_HOST;
const group = 'Streaming';
const MAX_RECORDS = 1000;
const MAX_INTERVAL_SECONDS = 10;
const MAX_PAD = 10_000;
const MAX_DRIP_BYTES = 10 * 1024 * 1024;
const MAX_DRIP_SECONDS = 60;
const MAX_DRIP_DELAY_SECONDS = 10;
const MAX_PIECES = 1000;
/** The shortest wait before a cut connection drops, so the last piece is read before it. */
const MIN_CUT_MS = 100;

const encoder = new TextEncoder();

/** A query parameter as a number within [min, max], the default when absent, or null when invalid. */
function numberParam(
  url: URL,
  name: string,
  fallback: number | null,
  min: number,
  max: number,
  { integer = true } = {},
): number | null | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!(integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

/** A reading of the simulated sensor: the same for a given sequence number in every run. */
function reading(seq: number, pad: number): string {
  const celsius = (180 + ((seq * 37) % 90)) / 10;
  return JSON.stringify(pad > 0 ? { seq, celsius, pad: 'x'.repeat(pad) } : { seq, celsius });
}

/**
 * `records` sent half a record at a time: piece 0 (at once) is `prefix` and the first half of record 1;
 * each later piece, `intervalMs` after the one before, ends one record and starts the next; the last
 * piece ends the last record and adds `suffix`. So record k is complete at k × interval, and no piece
 * boundary falls between two records.
 *
 * `stopAfter` records: only those are completed (plus half of the next), then the body ends with
 * `end` (`stall` or `cut`).
 */
function halfRecordPieces(
  prefix: string,
  records: string[],
  suffix: string,
  intervalMs: number,
  stop: { after: number; end: Exclude<StreamEnd, 'close'> } | null,
): TimedPieces {
  const halves = records.map((record) => {
    const middle = Math.ceil(record.length / 2);
    return [record.slice(0, middle), record.slice(middle)] as const;
  });
  const texts: string[] = [];
  if (halves.length === 0) texts.push(prefix + suffix);
  else {
    texts.push(prefix + halves[0]![0]);
    for (let i = 1; i < halves.length; i++) texts.push(halves[i - 1]![1] + halves[i]![0]);
    texts.push(halves.at(-1)![1] + suffix);
  }
  const count = stop && stop.after < records.length ? stop.after + 1 : texts.length;
  return {
    count,
    waitBefore: (index) => (index === 0 ? 0 : intervalMs),
    bytes: (index) => encoder.encode(texts[index]),
    end: count < texts.length ? stop!.end : 'close',
    cutAfterMs: Math.max(intervalMs, MIN_CUT_MS),
  };
}

/** `stall_after` / `cut_after`: how the body stops early, or null; undefined when the query is wrong. */
function earlyEnd(
  url: URL,
  max: number,
): { after: number; end: Exclude<StreamEnd, 'close'> } | null | undefined {
  const stall = numberParam(url, 'stall_after', null, 1, max);
  const cut = numberParam(url, 'cut_after', null, 1, max);
  if (stall === undefined || cut === undefined || (stall !== null && cut !== null))
    return undefined;
  if (stall !== null) return { after: stall, end: 'stall' };
  if (cut !== null) return { after: cut, end: 'cut' };
  return null;
}

const endParams = (unit: string) =>
  [
    {
      name: 'stall_after',
      in: 'query',
      required: false,
      description: `Stop after this many ${unit} (half of the next one sent) and keep the connection open, silent, until the client gives up: only an idle timeout or a deadline ends the read.`,
    },
    {
      name: 'cut_after',
      in: 'query',
      required: false,
      description: `Cut the connection after this many ${unit} (half of the next one sent): the read fails, as on a dropped network. Not with stall_after.`,
    },
  ] as const;

export const streamingRoutes: Route[] = [
  {
    id: 'stream-ndjson',
    group,
    method: 'GET',
    host,
    path: '/stream/{n}',
    description:
      'Streams n sensor readings as NDJSON (one JSON object per line), one line every interval seconds, each line split across two pieces of the body.',
    params: [
      {
        name: 'n',
        in: 'path',
        required: true,
        description: `How many lines, 1 to ${MAX_RECORDS}. Each is {"seq":k,"celsius":…}, the same in every run.`,
      },
      {
        name: 'interval',
        in: 'query',
        required: false,
        description: `Seconds between lines, 0 to ${MAX_INTERVAL_SECONDS}; fractions allowed. Default 0.5.`,
      },
      {
        name: 'pad',
        in: 'query',
        required: false,
        description: `Adds a "pad" string of this many characters to every line (0 to ${MAX_PAD}), to make a big stream.`,
      },
      ...endParams('lines'),
    ],
    responses: [
      {
        status: 200,
        when: 'At once, Content-Type: application/x-ndjson, Transfer-Encoding: chunked; line k is complete after k × interval.',
      },
      { status: 400, when: 'A parameter is out of range, or both stall_after and cut_after.' },
    ],
    example: { path: '/stream/3?interval=0.1' },
    resolve({ params, url, state, request }) {
      const raw = params.n ?? '';
      const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
      const interval = numberParam(url, 'interval', 0.5, 0, MAX_INTERVAL_SECONDS, {
        integer: false,
      });
      const pad = numberParam(url, 'pad', 0, 0, MAX_PAD);
      const stop = earlyEnd(url, MAX_RECORDS);
      if (!(n >= 1 && n <= MAX_RECORDS) || interval == null || pad == null || stop === undefined) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Use /stream/{n} with n from 1 to ${MAX_RECORDS}, and optionally interval (seconds, 0 to ${MAX_INTERVAL_SECONDS}), pad (0 to ${MAX_PAD}) and one of stall_after or cut_after (lines). Example: /stream/5?interval=0.5&cut_after=3.`,
        });
      }
      const records = Array.from({ length: n }, (_, i) => `${reading(i + 1, pad)}\n`);
      const pieces = halfRecordPieces('', records, '', interval * 1000, stop);
      return new Response(timedStream(pieces, state.timers, request.signal), {
        status: 200,
        statusText: 'OK',
        headers: {
          'Content-Type': 'application/x-ndjson; charset=utf-8',
          'Transfer-Encoding': 'chunked',
          'Cache-Control': 'no-store',
        },
      });
    },
  },
  {
    id: 'sse',
    group,
    method: 'GET',
    host,
    path: '/sse',
    description:
      'Server-Sent Events: count "reading" events with ids 1, 2, …, one every interval seconds, then an "end" event and the stream closes. Last-Event-ID resumes after that id.',
    params: [
      {
        name: 'count',
        in: 'query',
        required: false,
        description: `How many reading events in all, 1 to ${MAX_RECORDS}. Default 5.`,
      },
      {
        name: 'interval',
        in: 'query',
        required: false,
        description: `Seconds between events, 0 to ${MAX_INTERVAL_SECONDS}; fractions allowed. Default 0.5.`,
      },
      {
        name: 'Last-Event-ID',
        in: 'header',
        required: false,
        description:
          'The id of the last event the client saw: the stream resumes with the next one, as EventSource asks when it reconnects.',
      },
      ...endParams('events'),
    ],
    responses: [
      {
        status: 200,
        when: 'At once, Content-Type: text/event-stream: a comment and retry: 1000, then id/event/data events, each split across two pieces.',
      },
      {
        status: 400,
        when: 'A parameter is out of range, both stall_after and cut_after, or Last-Event-ID is not a whole number.',
      },
    ],
    example: { path: '/sse?count=2&interval=0.1' },
    resolve({ url, state, request }) {
      const count = numberParam(url, 'count', 5, 1, MAX_RECORDS);
      const interval = numberParam(url, 'interval', 0.5, 0, MAX_INTERVAL_SECONDS, {
        integer: false,
      });
      const stop = earlyEnd(url, MAX_RECORDS);
      const lastRaw = request.headers.get('Last-Event-ID');
      const last = lastRaw === null ? 0 : /^\d+$/.test(lastRaw.trim()) ? Number(lastRaw) : NaN;
      if (count == null || interval == null || stop === undefined || Number.isNaN(last)) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Use /sse with optional count (1 to ${MAX_RECORDS}), interval (seconds, 0 to ${MAX_INTERVAL_SECONDS}) and one of stall_after or cut_after (events); Last-Event-ID, when sent, is the whole-number id of the last event seen. Example: /sse?count=5&cut_after=2.`,
        });
      }
      const events: string[] = [];
      for (let id = last + 1; id <= count; id++) {
        events.push(`id: ${id}\nevent: reading\ndata: ${reading(id, 0)}\n\n`);
      }
      const prefix = `: ${last > 0 ? `resuming after event ${last}` : 'sensor readings'}\nretry: 1000\n\n`;
      const suffix = `event: end\ndata: {"events":${count}}\n\n`;
      const pieces = halfRecordPieces(prefix, events, suffix, interval * 1000, stop);
      return new Response(timedStream(pieces, state.timers, request.signal), {
        status: 200,
        statusText: 'OK',
        headers: {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Transfer-Encoding': 'chunked',
          'Cache-Control': 'no-store',
        },
      });
    },
  },
  {
    id: 'drip',
    group,
    method: 'GET',
    host,
    path: '/drip',
    description:
      'Drips numbytes bytes ("*") over duration seconds, after an optional delay, with a Content-Length announcing them all (or chunked, without one): for progress bars and size caps.',
    params: [
      {
        name: 'numbytes',
        in: 'query',
        required: false,
        description: `How many bytes, 0 to ${MAX_DRIP_BYTES} (10 MiB). Default 10.`,
      },
      {
        name: 'duration',
        in: 'query',
        required: false,
        description: `Seconds from the first piece to the last, 0 to ${MAX_DRIP_SECONDS}; fractions allowed. Default 2.`,
      },
      {
        name: 'delay',
        in: 'query',
        required: false,
        description: `Seconds before the status and headers, 0 to ${MAX_DRIP_DELAY_SECONDS}. Default 0.`,
      },
      {
        name: 'pieces',
        in: 'query',
        required: false,
        description: `How many pieces the bytes come in, evenly spaced, 1 to ${MAX_PIECES} (at most numbytes). Default 10.`,
      },
      {
        name: 'chunked',
        in: 'query',
        required: false,
        description:
          "'true' sends no Content-Length (Transfer-Encoding: chunked): the size is unknown until the end. Default 'false'.",
      },
      {
        name: 'stall_after',
        in: 'query',
        required: false,
        description:
          'Stop after this many bytes and keep the connection open, silent, until the client gives up.',
      },
      {
        name: 'cut_after',
        in: 'query',
        required: false,
        description:
          'Cut the connection after this many bytes: fewer arrive than Content-Length promised, and the read fails. Not with stall_after.',
      },
    ],
    responses: [
      {
        status: 200,
        when: 'After the delay, Content-Type: application/octet-stream with Content-Length: numbytes (unless chunked=true).',
      },
      { status: 400, when: 'A parameter is out of range, or both stall_after and cut_after.' },
    ],
    example: { path: '/drip?numbytes=20&duration=0.2&pieces=2' },
    async resolve({ url, state, request }) {
      const total = numberParam(url, 'numbytes', 10, 0, MAX_DRIP_BYTES);
      const duration = numberParam(url, 'duration', 2, 0, MAX_DRIP_SECONDS, { integer: false });
      const delay = numberParam(url, 'delay', 0, 0, MAX_DRIP_DELAY_SECONDS, { integer: false });
      const asked = numberParam(url, 'pieces', 10, 1, MAX_PIECES);
      const chunked = url.searchParams.get('chunked') ?? 'false';
      const stop = earlyEnd(url, MAX_DRIP_BYTES);
      if (
        total == null ||
        duration == null ||
        delay == null ||
        asked == null ||
        (chunked !== 'true' && chunked !== 'false') ||
        stop === undefined
      ) {
        return problem(400, {
          type: 'invalid-parameter',
          detail: `Use /drip with optional numbytes (0 to ${MAX_DRIP_BYTES}), duration (0 to ${MAX_DRIP_SECONDS} s), delay (0 to ${MAX_DRIP_DELAY_SECONDS} s), pieces (1 to ${MAX_PIECES}), chunked (true or false) and one of stall_after or cut_after (bytes). Example: /drip?numbytes=1000000&duration=2.`,
        });
      }
      if (delay > 0 && !(await sleep(state.timers, delay * 1000, request.signal))) {
        return HttpResponse.error();
      }
      const count = Math.max(1, Math.min(asked, total));
      const size = Math.max(1, Math.ceil(total / count));
      const stepMs = count > 1 ? (duration * 1000) / (count - 1) : 0;
      const sent = stop && stop.after < total ? stop.after : total;
      const pieces: TimedPieces = {
        count: total === 0 ? 0 : Math.ceil(sent / size),
        waitBefore: (index) => (index === 0 ? 0 : stepMs),
        bytes: (index) => new Uint8Array(Math.min(size, sent - index * size)).fill(42), // '*'
        end: sent < total ? stop!.end : 'close',
        cutAfterMs: Math.max(stepMs, MIN_CUT_MS),
      };
      const headers: Record<string, string> = {
        'Content-Type': 'application/octet-stream',
        'Cache-Control': 'no-store',
      };
      if (chunked === 'true') headers['Transfer-Encoding'] = 'chunked';
      else {
        headers['Content-Length'] = String(total);
        headers[STREAMED_BODY_HEADER] = '1';
      }
      return new Response(timedStream(pieces, state.timers, request.signal), {
        status: 200,
        statusText: 'OK',
        headers,
      });
    },
  },
];
