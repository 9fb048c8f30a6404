import { describe, expect, it } from 'vitest';
import type { NetworkEvent, RunEvent } from '../runner/protocol.ts';
import { RunRecorder } from '../runner/run-record.ts';
import { NetworkModel } from './network-model.ts';
import {
  layoutTimeline,
  MAX_BARS,
  requestsFromEntries,
  requestsFromRows,
  type TimelineInput,
} from './timeline-layout.ts';

const API = 'https://api.example.com';

type Step =
  | { request: number; at: number; url?: string; method?: string }
  | { respond: number; at: number; status: number; headers?: [string, string][] }
  | { fail: number; at: number; blocked?: boolean }
  | { timeout: number; at: number };

/** The events the sandbox sends for `steps`, as a live run would. */
function events(steps: Step[]): NetworkEvent[] {
  return steps.map((step): NetworkEvent => {
    if ('request' in step) {
      return {
        kind: 'request',
        id: step.request,
        time: step.at,
        method: step.method ?? 'GET',
        url: step.url ?? `${API}/users/1`,
        headers: [],
        body: null,
      };
    }
    if ('respond' in step) {
      return {
        kind: 'response',
        id: step.respond,
        time: step.at,
        status: step.status,
        statusText: step.status === 429 ? 'Too Many Requests' : '',
        headers: step.headers ?? [],
        body: null,
      };
    }
    if ('fail' in step) {
      return {
        kind: 'failed',
        id: step.fail,
        time: step.at,
        reason: 'refused',
        blocked: step.blocked ?? false,
      };
    }
    return {
      kind: 'aborted',
      id: step.timeout,
      time: step.at,
      reason: 'TimeoutError',
      message: 'signal timed out',
    };
  });
}

/** Lays out `steps` from the Network table's rows, as the live example does. */
function fromRows(steps: Step[], end: Partial<TimelineInput> = {}) {
  const model = new NetworkModel();
  for (const event of events(steps)) model.apply(event);
  return layoutTimeline({
    requests: requestsFromRows(model.rows),
    consoleMs: [],
    endMs: null,
    ...end,
  });
}

/** Lays out `steps` from a run record's network entries, as a check's result does. */
function fromRecord(steps: Step[], end: Partial<TimelineInput> = {}) {
  const recorder = new RunRecorder('virtual');
  for (const event of events(steps)) {
    recorder.apply({ type: 'network', event } as RunEvent);
  }
  return layoutTimeline({
    requests: requestsFromEntries(recorder.record.network),
    consoleMs: [],
    endMs: null,
    ...end,
  });
}

const rateLimited: Step[] = [
  { request: 1, at: 0 },
  { respond: 1, at: 17, status: 429, headers: [['retry-after', '2']] },
  { request: 2, at: 2017 },
  { respond: 2, at: 2020, status: 429, headers: [['retry-after', '2']] },
  { request: 3, at: 4020 },
  { respond: 3, at: 4024, status: 429, headers: [['retry-after', '2']] },
];

describe('layoutTimeline', () => {
  for (const [source, layout] of [
    ['Network rows', fromRows],
    ['run record entries', fromRecord],
  ] as const) {
    it(`labels the waits a Retry-After asked for, from ${source}`, () => {
      const timeline = layout(rateLimited);
      expect(timeline.bars.map((bar) => [bar.call, bar.attempt])).toEqual([
        [0, 1],
        [0, 2],
        [0, 3],
      ]);
      expect(timeline.gaps.map((gap) => [gap.fromMs, gap.toMs, gap.label])).toEqual([
        [17, 2017, 'waited 2.00 s · Retry-After: 2'],
        [2020, 4020, 'waited 2.00 s · Retry-After: 2'],
      ]);
      expect(timeline.spanMs).toBe(4024);
      expect(timeline.bars[1]!.name).toMatch(
        /^GET \/users\/1, attempt 2, 429.* \(client error\), from 2\.02 s to 2\.02 s, after waited 2\.00 s · Retry-After: 2$/,
      );
    });
  }

  it('calls a wait with no Retry-After a backoff, and starts a new call after a success', () => {
    const timeline = fromRows([
      { request: 1, at: 0, url: `${API}/status/502` },
      { respond: 1, at: 5, status: 502 },
      { request: 2, at: 405, url: `${API}/status/502` },
      { fail: 2, at: 410 },
      { request: 3, at: 1210, url: `${API}/status/502` },
      { respond: 3, at: 1215, status: 200 },
      { request: 4, at: 1215, url: `${API}/status/502` },
      { respond: 4, at: 1220, status: 200 },
    ]);
    expect(timeline.gaps.map((gap) => gap.label)).toEqual([
      'waited 400 ms · backoff',
      'waited 800 ms · backoff',
    ]);
    expect(timeline.bars.map((bar) => `${bar.call}.${bar.attempt} ${bar.outcome}`)).toEqual([
      '0.1 5xx',
      '0.2 failed',
      '0.3 2xx',
      '1.1 2xx',
    ]);
  });

  it('draws the deadline where a timeout fired, and a blocked host apart from a failure', () => {
    const timeline = fromRows([
      { request: 1, at: 0, url: `${API}/slow?delay=5000` },
      { timeout: 1, at: 2000 },
      { request: 2, at: 2000, url: 'https://example.org/' },
      { fail: 2, at: 2001, blocked: true },
    ]);
    expect(timeline.deadlines).toEqual([{ lane: 0, atMs: 2000 }]);
    expect(timeline.bars.map((bar) => bar.outcome)).toEqual(['timed-out', 'blocked']);
    expect(timeline.bars[0]!.name).toBe(
      'GET /slow?delay=5000, attempt 1, timed out, from 0 ms to 2.00 s',
    );
    expect(timeline.bars[1]!.name).toMatch(/^GET example\.org\/, attempt 1, blocked,/);
  });

  it('draws a request the run left waiting forever to the end of the run, with no end', () => {
    const model = new NetworkModel();
    for (const event of events([{ request: 1, at: 10, url: `${API}/hang` }])) model.apply(event);
    model.endRun('waiting-forever');
    const timeline = layoutTimeline({
      requests: requestsFromRows(model.rows),
      consoleMs: [0, 10, 10.2, 15_000],
      endMs: 30_000,
    });
    expect(timeline.bars[0]).toMatchObject({
      outcome: 'open',
      ended: false,
      startMs: 10,
      drawnEndMs: 30_000,
    });
    expect(timeline.bars[0]!.name).toBe(
      'GET /hang, attempt 1, still open when the run ended, from 10 ms, no end',
    );
    // Ticks closer than a 500th of the 30 s axis (60 ms) are drawn as one.
    expect(timeline.consoleMs).toEqual([0, 15_000]);
    expect(timeline.ticks.map((tick) => tick.label)).toEqual(['0 ms', '10 s', '20 s', '30 s']);
    expect(fromRows(rateLimited).ticks.map((tick) => tick.label)).toEqual([
      '0 ms',
      '1 s',
      '2 s',
      '3 s',
      '4 s',
    ]);
  });

  it('marks a wait shorter than the check expected, and one that met it', () => {
    const steps: Step[] = [
      { request: 1, at: 0, url: `${API}/unstable?fail=1&retry_after=3` },
      { respond: 1, at: 5, status: 503, headers: [['retry-after', '3']] },
      { request: 2, at: 1005, url: `${API}/unstable?fail=1&retry_after=3` },
      { respond: 2, at: 1010, status: 200 },
    ];
    const expected = [{ attempt: 2, minMs: 3000, maxMs: 4000, reason: 'Retry-After: 3' }];
    const short = fromRecord(steps, { expected });
    expect(short.gaps[0]).toMatchObject({
      label: 'waited 1.00 s · Retry-After: 3 · expected 3.00 s to 4.00 s (Retry-After: 3)',
      expected: { minMs: 3000, met: false },
    });
    // The axis reaches the end of the expected wait, so the short wait is seen beside it.
    expect(short.spanMs).toBe(5 + 4000);
    const patient = fromRecord(
      steps.map((step) =>
        'request' in step && step.request === 2
          ? { ...step, at: 3005 }
          : 'respond' in step && step.respond === 2
            ? { ...step, at: 3010 }
            : step,
      ),
      { expected },
    );
    expect(patient.gaps[0]).toMatchObject({
      label: 'waited 3.00 s · Retry-After: 3',
      expected: { met: true },
    });
  });

  it(`lays out at most ${MAX_BARS} of 1,500 requests and says how many it left out`, () => {
    const steps: Step[] = [];
    for (let id = 1; id <= 1500; id++) {
      steps.push({ request: id, at: id, url: `${API}/users/${id}` });
      steps.push({ respond: id, at: id + 3, status: 200 });
    }
    const timeline = fromRows(steps);
    expect(timeline.bars).toHaveLength(MAX_BARS);
    expect(timeline.hiddenRequests).toBe(500);
    expect(new Set(timeline.bars.map((bar) => bar.lane)).size).toBe(MAX_BARS);
    expect(timeline.gaps).toEqual([]);
  });

  it('never divides by a zero span', () => {
    const timeline = fromRows([{ request: 1, at: 0 }]);
    expect(timeline.spanMs).toBe(1);
    expect(timeline.bars[0]).toMatchObject({ outcome: 'pending', ended: false });
  });
});
