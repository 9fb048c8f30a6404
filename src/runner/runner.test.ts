/**
 * The Runner against fake sandboxes and a fake compiler: what it does with each message, the time
 * limit, Stop, crashes, and the spare it keeps ready.
 */
import { describe, expect, it } from 'vitest';
import type { CompileResult } from './compile.ts';
import type { FromSandbox, RunEvent, ToSandbox } from './protocol.ts';
import { Runner, type Compiler } from './runner.ts';
import type { SandboxEndpoint } from './sandbox-client.ts';

/** A sandbox that answers `run` with a script of messages, or stays silent. */
class FakeSandbox extends EventTarget {
  received: ToSandbox[] = [];
  terminated = false;
  constructor(private script: FromSandbox[] | null) {
    super();
    queueMicrotask(() => this.#send({ type: 'ready' }));
  }
  postMessage(message: ToSandbox): void {
    this.received.push(message);
    if (this.script) for (const reply of this.script) queueMicrotask(() => this.#send(reply));
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(message: string): void {
    const event = new Event('error') as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
  #send(data: FromSandbox): void {
    if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

const compiled: CompileResult = { ok: true, js: 'console.log(1)', sourceMap: '{}', warnings: [] };

function setUp(script: FromSandbox[] | null, compile: CompileResult = compiled) {
  const sandboxes: FakeSandbox[] = [];
  const compiler: Compiler = { warmUp: async () => 5, compile: async () => compile };
  const runner = new Runner({
    createCompiler: () => compiler,
    createSandbox: () => {
      const sandbox = new FakeSandbox(script);
      sandboxes.push(sandbox);
      return sandbox as unknown as SandboxEndpoint;
    },
  });
  return { runner, sandboxes };
}

function collect(runner: Runner, options = {}) {
  const events: RunEvent[] = [];
  const handle = runner.run('code', options, (event) => events.push(event));
  return { events, handle };
}

describe('Runner', () => {
  it('passes console, network and errors through, ends on finished, and keeps a spare ready', async () => {
    const { runner, sandboxes } = setUp([
      { type: 'started', time: 0 },
      {
        type: 'console',
        method: 'log',
        source: 'code',
        args: [{ type: 'string', value: '1' }],
        depth: 0,
        time: 1,
      },
      { type: 'finished', time: 2, failed: false },
    ]);
    const { events, handle } = collect(runner, { scenario: 'slow', seed: 7, clock: 'virtual' });
    const record = await handle.done;
    expect(events.map((event) => event.type)).toEqual([
      'compiling',
      'started',
      'console',
      'finished',
    ]);
    expect(record.outcome).toBe('finished');
    expect(record.console).toEqual([{ level: 'log', text: '1' }]);
    expect(sandboxes[0]!.received[0]).toMatchObject({
      type: 'run',
      settings: { scenario: 'slow', seed: 7, clock: 'virtual' },
    });
    expect(sandboxes[0]!.terminated).toBe(true);
    // One sandbox for this run, one spare booted for the next.
    expect(sandboxes.filter((sandbox) => !sandbox.terminated)).toHaveLength(1);
  });

  it('turns waiting-forever and virtual-limit into outcomes', async () => {
    const forever = setUp([
      { type: 'waiting-forever', time: 0, message: 'GET /hang has no signal' },
    ]);
    expect((await collect(forever.runner).handle.done).outcome).toBe('waiting-forever');
    const limit = setUp([{ type: 'virtual-limit', time: 600_000, limitMs: 600_000 }]);
    const record = await collect(limit.runner, { clock: 'virtual' }).handle.done;
    expect(record.outcome).toBe('timed-out');
    expect(record.clockMs).toBe(600_000);
  });

  it('stops a silent sandbox at the real time limit and terminates it', async () => {
    const { runner, sandboxes } = setUp(null);
    const { events, handle } = collect(runner, { timeLimitMs: 30 });
    const record = await handle.done;
    expect(record.outcome).toBe('timed-out');
    expect(events.at(-1)).toMatchObject({ type: 'timed-out', clock: 'real', limitMs: 30 });
    expect(sandboxes[0]!.terminated).toBe(true);
  });

  it('Stop ends the run at once; messages after it are ignored', async () => {
    const { runner, sandboxes } = setUp(null);
    const { events, handle } = collect(runner);
    await new Promise((resolve) => setTimeout(resolve, 10));
    handle.stop();
    handle.stop();
    sandboxes[0]!.dispatchEvent(
      new MessageEvent('message', { data: { type: 'finished', time: 1, failed: false } }),
    );
    expect((await handle.done).outcome).toBe('stopped');
    expect(events.filter((event) => event.type === 'stopped')).toHaveLength(1);
    expect(events.some((event) => event.type === 'finished')).toBe(false);
  });

  it('reports a broken sandbox as crashed, with what to do', async () => {
    const { runner, sandboxes } = setUp(null);
    const { handle } = collect(runner);
    await new Promise((resolve) => setTimeout(resolve, 10));
    sandboxes[0]!.crash('worker script failed');
    const record = await handle.done;
    expect(record.outcome).toBe('crashed');
    expect(record.message).toMatch(/worker script failed/);
  });

  it('does not start a sandbox run for code that does not compile', async () => {
    const { runner, sandboxes } = setUp(null, {
      ok: false,
      diagnostics: [
        { message: 'Unexpected ";"', line: 1, column: 11, length: 1, severity: 'error' },
      ],
    });
    const record = await collect(runner).handle.done;
    expect(record.outcome).toBe('failed');
    expect(record.error).toMatchObject({ name: 'CompileError', position: { line: 1, column: 11 } });
    expect(sandboxes.every((sandbox) => sandbox.received.length === 0)).toBe(true);
  });

  it('says how much output the cap kept back when a capped run is stopped', async () => {
    const { runner } = setUp([{ type: 'output-capped' }]);
    const { handle } = collect(runner);
    await new Promise((resolve) => setTimeout(resolve, 10));
    handle.stop();
    const record = await handle.done;
    expect(record.console.at(-1)?.text).toMatch(/later console output was not shown/);
  });

  it('holds its own caps when a subverted sandbox floods it, and stops a sandbox that keeps on', async () => {
    const line = (value: string): FromSandbox => ({
      type: 'console',
      method: 'log',
      source: 'code',
      args: [{ type: 'string', value }],
      depth: 0,
      time: 0,
    });
    const flood: FromSandbox[] = [
      { type: 'started', time: 0 },
      line('z'.repeat(1_000_000)),
      {
        type: 'error',
        error: { name: 'Error', message: 'y'.repeat(5_000_000), position: null, kind: 'uncaught' },
        time: 0,
      },
      ...Array.from({ length: 20_000 }, (_, index) => line(`line ${index}`)),
    ];
    const { runner, sandboxes } = setUp(flood);
    const record = await collect(runner).handle.done;
    expect(record.outcome).toBe('crashed');
    expect(record.message).toMatch(/kept sending messages past every cap/);
    expect(sandboxes[0]!.terminated).toBe(true);
    expect(record.console[0]).toEqual({
      level: 'warn',
      text: '… a console call too large to show was left out (over 200000 characters).',
    });
    expect(record.console[1]!.text.length).toBeLessThan(2_100);
    expect(record.error?.message).toMatch(/more characters not shown\)$/);
    // 2,200 lines (the two above among them), then one note that the rest was not shown.
    expect(record.console).toHaveLength(2_201);
    expect(record.console.at(-1)?.text).toMatch(/later console output was not shown/);
  });

  it('ignores messages that are not the protocol, and repeats of once-per-run messages', async () => {
    const { runner } = setUp([
      { type: 'started', time: 0 },
      { type: 'forged' } as unknown as FromSandbox,
      { type: 'console', method: 'log', args: 'not a list' } as unknown as FromSandbox,
      { type: 'output-dropped', lines: 1 },
      { type: 'output-dropped', lines: 2 },
      { type: 'finished', time: 1, failed: false },
    ]);
    const record = await collect(runner).handle.done;
    expect(record.outcome).toBe('finished');
    expect(record.console.map((entry) => entry.text)).toEqual([
      '… 1 more console call was not shown: output is capped per run.',
    ]);
  });

  it('boots a sandbox per expected run and no spare beyond them, all at once when asked', async () => {
    const sandboxes: FakeSandbox[] = [];
    const runner = new Runner({
      createCompiler: () => ({ warmUp: async () => 5, compile: async () => compiled }),
      createSandbox: () => {
        const sandbox = new FakeSandbox([{ type: 'finished', time: 0, failed: false }]);
        sandboxes.push(sandbox);
        return sandbox as unknown as SandboxEndpoint;
      },
      spares: 2,
    });
    await runner.warmUp({ compiler: false, sandboxes: 2 });
    expect(sandboxes).toHaveLength(2);
    runner.expectRuns(3);
    for (let run = 0; run < 3; run++) {
      expect((await collect(runner).handle.done).outcome).toBe('finished');
    }
    expect(sandboxes).toHaveLength(3);
    expect(sandboxes.every((sandbox) => sandbox.terminated)).toBe(true);
    // Fewer runs than spares: the extra spare ends at once.
    const spares: FakeSandbox[] = [];
    const idle = new Runner({
      createCompiler: () => ({ warmUp: async () => 5, compile: async () => compiled }),
      createSandbox: () => {
        const sandbox = new FakeSandbox(null);
        spares.push(sandbox);
        return sandbox as unknown as SandboxEndpoint;
      },
      spares: 2,
    });
    await idle.warmUp({ compiler: false, sandboxes: 2 });
    idle.expectRuns(1);
    expect(spares.map((sandbox) => sandbox.terminated)).toEqual([false, true]);
  });
});
