/**
 * The page's handle on one Python worker (python-worker.ts), used for exactly one run: created
 * ahead of time so Pyodide has booted before the reader presses Run, then terminated with the run.
 */
import { isMessage } from '../protocol.ts';
import type { SandboxEndpoint } from '../sandbox-client.ts';
import type { FromPythonWorker, PythonFiles, ToPythonWorker } from './python-protocol.ts';

export class PythonWorker {
  readonly #worker: SandboxEndpoint;
  /** Resolves once Python and requests are loaded; rejects with what the reader should do. */
  readonly ready: Promise<void>;
  #booted = false;

  constructor(createWorker: () => SandboxEndpoint, files: Promise<PythonFiles>) {
    this.#worker = createWorker();
    this.ready = new Promise<void>((resolve, reject) => {
      this.#worker.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (!isMessage<FromPythonWorker>(event.data, ['ready', 'boot-failed'])) return;
        if (event.data.type === 'ready') {
          this.#booted = true;
          resolve();
        } else {
          reject(
            new Error(
              `Python did not start (${event.data.message}). Reload the page and run again.`,
            ),
          );
        }
      });
      this.#worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(
          new Error(
            `Python did not start (${event.message || 'no details'}). Reload the page and run again.`,
          ),
        );
      });
      files.then(
        (loaded) => this.#send({ type: 'boot', files: loaded }),
        (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
    // A spare nobody waits on yet: its failure is read when it is used.
    this.ready.catch(() => {});
  }

  /** Booted already: a run on it starts at once. */
  get booted(): boolean {
    return this.#booted;
  }

  /** Connects the worker to the run's sandbox: its requests go over `port` from now on. */
  attach(port: MessagePort): void {
    this.#send({ type: 'bridge' }, [port]);
  }

  terminate(): void {
    this.#worker.terminate();
  }

  #send(message: ToPythonWorker, transfer: Transferable[] = []): void {
    this.#worker.postMessage(message, transfer);
  }
}
