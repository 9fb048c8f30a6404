/** The compiler worker's proxy against a fake worker: replies matched by id, failures surfaced. */
import { describe, expect, it } from 'vitest';
import { CompilerWorker } from './compiler-client.ts';
import type { FromCompiler, ToCompiler } from './protocol.ts';

class FakeWorker extends EventTarget {
  sent: ToCompiler[] = [];
  constructor(private answer: (message: ToCompiler) => FromCompiler | null) {
    super();
  }
  postMessage(message: ToCompiler): void {
    this.sent.push(message);
    const reply = this.answer(message);
    if (reply)
      setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: reply })), 0);
  }
  fail(message: string): void {
    const event = new Event('error') as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

function client(answer: (message: ToCompiler) => FromCompiler | null) {
  const worker = new FakeWorker(answer);
  return { worker, compiler: new CompilerWorker(() => worker as unknown as Worker) };
}

describe('CompilerWorker', () => {
  it('matches each reply to its request by id, whatever the order', async () => {
    const { compiler } = client((message) =>
      message.type === 'compile'
        ? {
            type: 'compiled',
            id: message.id,
            js: `// ${message.code}`,
            sourceMap: '{}',
            warnings: [],
          }
        : null,
    );
    const [a, b] = await Promise.all([compiler.compile('a'), compiler.compile('b')]);
    expect(a).toMatchObject({ ok: true, js: '// a' });
    expect(b).toMatchObject({ ok: true, js: '// b' });
  });

  it('returns compile errors as a result, and a crash as a thrown error that says what to do', async () => {
    const failing = client((message) => ({
      type: 'compile-failed',
      id: message.id,
      diagnostics: [{ message: 'x', line: 1, column: 1, length: 1, severity: 'error' }],
    }));
    expect(await failing.compiler.compile('bad')).toMatchObject({ ok: false });
    const crashed = client((message) => ({
      type: 'compiler-crashed',
      id: message.id,
      message: 'esbuild failed to start. Reload the page.',
    }));
    await expect(crashed.compiler.compile('x')).rejects.toThrow(/Reload the page/);
  });

  it('rejects every waiting request when the worker fails to load', async () => {
    const { worker, compiler } = client(() => null);
    const pending = compiler.compile('x');
    worker.fail('404');
    await expect(pending).rejects.toThrow(/compiler worker failed to load \(404\)/);
  });
});
