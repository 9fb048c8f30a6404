/**
 * The page's only handle on one sandbox worker. A SandboxWorker is used for exactly one run: created
 * ahead of time (so the runtime and mock API are loaded before the reader presses Run), then
 * terminated when the run ends, is stopped, or hits its time limit.
 */
import { isMessage, type FromSandbox, type ToSandbox } from './protocol.ts';

/** Every message type a sandbox may send; anything else is dropped. */
export const FROM_SANDBOX = [
  'ready',
  'started',
  'console',
  'network',
  'error',
  'output-capped',
  'output-dropped',
  'finished',
  'waiting-forever',
  'virtual-limit',
  'checks-listed',
  'program-loaded',
  'check-result',
] as const satisfies readonly FromSandbox['type'][];

/**
 * What a sandbox is to the page: a Worker, or anything with its surface (the Node host's child
 * process, a worker inside an isolating frame).
 */
export type SandboxEndpoint = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

export class SandboxWorker {
  readonly #worker: SandboxEndpoint;
  readonly ready: Promise<void>;
  #listener: ((message: FromSandbox) => void) | null = null;
  #onCrash: ((message: string) => void) | null = null;

  constructor(createWorker: () => SandboxEndpoint) {
    this.#worker = createWorker();
    let markReady!: () => void;
    let failToStart!: (error: Error) => void;
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      failToStart = reject;
    });
    // Nobody may be waiting yet (a spare worker); the rejection is read when the worker is used.
    this.ready.catch(() => {});
    this.#worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (!isMessage<FromSandbox>(event.data, FROM_SANDBOX)) return;
      if (event.data.type === 'ready') markReady();
      else this.#listener?.(event.data);
    });
    this.#worker.addEventListener('error', (event) => {
      // Errors from learner code are caught inside the worker; reaching here means the runtime broke.
      event.preventDefault();
      const message = `The sandbox failed to start (${event.message || 'no details'}). Reload the page and run again.`;
      failToStart(new Error(message));
      this.#onCrash?.(message);
    });
  }

  /** Sends the program and streams everything the sandbox reports to `listener`. */
  run(
    message: ToSandbox,
    listener: (message: FromSandbox) => void,
    onCrash: (message: string) => void,
    transfer: Transferable[] = [],
  ): void {
    this.#listener = listener;
    this.#onCrash = onCrash;
    this.#worker.postMessage(message, transfer);
  }

  /** Kills the worker at once, whatever it is doing (including `while (true) {}`). */
  terminate(): void {
    this.#listener = null;
    this.#onCrash = null;
    this.#worker.terminate();
  }
}
