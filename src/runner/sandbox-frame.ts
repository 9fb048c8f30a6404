/**
 * Sandboxes in an opaque-origin frame: one hidden `<iframe sandbox="allow-scripts">` per page
 * (its document: sandbox-frame-document.ts) starts every sandbox worker from a blob: URL, so learner code runs
 * under the frame's own strict CSP (no network, no code from strings) and with no origin (no site
 * pages, storage or caches to read), whatever a learner finds on the prototype chain. The page talks
 * to each worker over a MessagePort of its own; the frame only starts and stops workers.
 */
import loadSandboxSource from './sandbox-worker.ts?classic-worker';
import type { SandboxEndpoint } from './sandbox-client.ts';

/** The kinds of worker the frame starts: the sandbox (every run), and Python (a Python run's code). */
export type FramedWorkerKind = 'sandbox' | 'python';

/** Where each kind's bundled source comes from: the Python worker's only when Python is first run. */
const sources: Record<FramedWorkerKind, () => Promise<string>> = {
  sandbox: loadSandboxSource,
  python: () =>
    import('./python/python-worker-source.ts').then((module) => module.loadPythonWorkerSource()),
};
import { frameDocument } from './sandbox-frame-document.ts';

/** A frame that has not answered by now is not going to (blocked, or the file is missing). */
const FRAME_TIMEOUT_MS = 20_000;

type FromFrame = { type: 'frame-ready' } | { type: 'worker-error'; id: number; message: string };

class SandboxFrame {
  readonly #frame: HTMLIFrameElement;
  readonly #frameLoaded: Promise<void>;
  readonly #loading = new Map<FramedWorkerKind, Promise<Window>>();
  readonly #onError = new Map<number, (message: string) => void>();
  #nextId = 1;

  constructor() {
    this.#frame = document.createElement('iframe');
    this.#frame.setAttribute('sandbox', 'allow-scripts');
    this.#frame.title = 'Code sandbox';
    this.#frame.hidden = true;
    this.#frame.setAttribute('aria-hidden', 'true');
    this.#frame.tabIndex = -1;
    this.#frame.srcdoc = frameDocument();
    const frameReady = new Promise<void>((resolve) => {
      window.addEventListener('message', (event: MessageEvent<FromFrame>) => {
        // Only our frame may speak for it: its window, and the opaque origin a sandbox gives it.
        if (event.source !== this.#frame.contentWindow || event.origin !== 'null') return;
        const data = event.data;
        if (data?.type === 'frame-ready') resolve();
        else if (data?.type === 'worker-error') this.#onError.get(data.id)?.(String(data.message));
      });
    });
    document.body.append(this.#frame);
    this.#frameLoaded = Promise.race([
      frameReady,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the sandbox frame did not answer')), FRAME_TIMEOUT_MS),
      ),
    ]);
    // An early frame that is never used must not be reported as a failure.
    this.#frameLoaded.catch(() => {});
  }

  /** The frame, holding a kind's source: fetched on its first spawn, not when the frame starts. */
  #loaded(kind: FramedWorkerKind): Promise<Window> {
    let loading = this.#loading.get(kind);
    if (!loading) {
      loading = Promise.all([this.#frameLoaded, sources[kind]()]).then(([, source]) => {
        const target = this.#frame.contentWindow!;
        target.postMessage({ type: 'source', kind, source }, '*');
        return target;
      });
      // A failed load (offline before the file was kept) may be tried again by the next spawn.
      loading.catch(() => this.#loading.delete(kind));
      this.#loading.set(kind, loading);
    }
    return loading;
  }

  /**
   * A worker of `kind`, as the Runner sees one; messages sent before it starts wait for it.
   * `warmUp: false` skips the sandbox's warm-up request (see RuntimeHost.warmUp).
   */
  spawn(kind: FramedWorkerKind, { warmUp = true }: { warmUp?: boolean } = {}): SandboxEndpoint {
    const id = this.#nextId++;
    const channel = new MessageChannel();
    const page = channel.port1;
    const errors = new EventTarget();
    let ended = false;
    this.#onError.set(id, (message) => {
      const event = new Event('error') as Event & { message: string };
      event.message = message;
      errors.dispatchEvent(event);
    });
    void this.#loaded(kind).then(
      (target) => {
        // Started after the run already ended (a spare dropped at once): nothing to start.
        if (ended) return;
        target.postMessage({ type: 'spawn', kind, id, baseUrl: location.origin, warmUp }, '*', [
          channel.port2,
        ]);
      },
      (error: unknown) =>
        this.#onError.get(id)?.(error instanceof Error ? error.message : String(error)),
    );
    return {
      postMessage: ((message: unknown, transfer?: Transferable[]) =>
        page.postMessage(message, transfer ?? [])) as SandboxEndpoint['postMessage'],
      addEventListener: ((type: string, listener: EventListener) => {
        if (type === 'message') page.addEventListener('message', listener);
        else errors.addEventListener(type, listener);
        page.start();
      }) as SandboxEndpoint['addEventListener'],
      terminate: () => {
        ended = true;
        page.close();
        this.#onError.delete(id);
        void this.#loaded(kind).then((target) =>
          target.postMessage({ type: 'terminate', id }, '*'),
        );
      },
    };
  }
}

let frame: SandboxFrame | null = null;

/**
 * Starts the page's sandbox frame without starting a sandbox: a document of its own (a new process
 * in Chromium) takes 0.1–0.2 s to start, which a page with live examples does while the reader reads
 * rather than after they press Run. It fetches nothing: the frame's document is inline.
 */
export function prepareSandboxFrame(): void {
  frame ??= new SandboxFrame();
}

/**
 * A new sandbox worker in the page's sandbox frame (created on first use). `warmUp: false` for
 * sandboxes that boot one per check, back to back, where a warm-up is only more work (grading).
 */
export function createFramedSandbox(options: { warmUp?: boolean } = {}): SandboxEndpoint {
  frame ??= new SandboxFrame();
  return frame.spawn('sandbox', options);
}

/** A new Python worker in the page's sandbox frame: it waits for its runtime's files (python-runtime.ts). */
export function createFramedPython(): SandboxEndpoint {
  frame ??= new SandboxFrame();
  return frame.spawn('python');
}
