/**
 * The page's only handle on the compiler worker. It owns the Worker, numbers requests and matches
 * each reply to its request.
 */
import type { CompileResult } from './compile.ts';
import { isMessage, type FromCompiler, type ToCompiler } from './protocol.ts';

type Pending = { resolve: (message: FromCompiler) => void; reject: (error: Error) => void };

const REPLIES = ['compiled', 'compile-failed', 'warmed-up', 'compiler-crashed'] as const;

export class CompilerWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(createWorker: () => Worker) {
    this.#worker = createWorker();
    this.#worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (!isMessage<FromCompiler>(event.data, REPLIES)) return;
      const pending = this.#pending.get(event.data.id);
      this.#pending.delete(event.data.id);
      pending?.resolve(event.data);
    });
    this.#worker.addEventListener('error', (event) => {
      const error = new Error(
        `The compiler worker failed to load (${event.message || 'no details'}). Check the network and reload the page.`,
      );
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  /** Loads esbuild and compiles a tiny program; resolves with the start-up time in ms. */
  async warmUp(): Promise<number> {
    const reply = await this.#request({ type: 'warm-up', id: 0 });
    if (reply.type === 'compiler-crashed') throw new Error(reply.message);
    return reply.type === 'warmed-up' ? reply.initMs : 0;
  }

  async compile(code: string): Promise<CompileResult> {
    const reply = await this.#request({ type: 'compile', id: 0, code });
    switch (reply.type) {
      case 'compiled':
        return { ok: true, js: reply.js, sourceMap: reply.sourceMap, warnings: reply.warnings };
      case 'compile-failed':
        return { ok: false, diagnostics: reply.diagnostics };
      case 'compiler-crashed':
        throw new Error(reply.message);
      default:
        throw new Error(`The compiler answered "${reply.type}" to a compile request.`);
    }
  }

  #request(message: ToCompiler): Promise<FromCompiler> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id } satisfies ToCompiler);
    });
  }
}
