/**
 * The messages of a Python run. Two workers take part, both in the sandbox frame: the Python worker
 * (Pyodide and the reader's code) and an ordinary sandbox worker (the mock API, the run's clock and
 * the run record). They talk over one MessagePort, the bridge: Python asks, the sandbox answers.
 * The record is written where Python cannot reach it; whatever Python sends is checked like any
 * other untrusted input.
 */

import type { Lockfile } from 'pyodide';

/** Page → Python worker, over the port the frame handed it. */
export type ToPythonWorker =
  /** The runtime's files, fetched once by the page (the worker itself may not fetch). */
  | { type: 'boot'; files: PythonFiles }
  /** The bridge to this run's sandbox worker arrives as the message's one port. */
  | { type: 'bridge' };

export interface PythonFiles {
  /** Pyodide's record of its build (python-assets.ts), with no packages: none is ever loaded. */
  lock: Lockfile;
  wasm: ArrayBuffer;
  stdlib: ArrayBuffer;
  packages: ArrayBuffer;
}

/** Python worker → page. */
export type FromPythonWorker =
  { type: 'ready'; bootMs: number } | { type: 'boot-failed'; message: string };

/** Sandbox → Python worker, over the bridge. */
export type ToPython =
  | { type: 'run'; code: string }
  | { type: 'answer'; id: number; answer: BridgeAnswer | BodyRead }
  | { type: 'woke'; id: number };

/** Python worker → sandbox, over the bridge. */
export type FromPython =
  | {
      type: 'request';
      id: number;
      method: string;
      url: string;
      headers: [string, string][];
      body: Uint8Array | null;
      /** requests' read timeout in milliseconds; null waits for ever, as requests does. */
      timeoutMs: number | null;
    }
  /**
   * The next bytes of a response's body, as a socket's read gives them: waits at most `timeoutMs`
   * (the read timeout, between pieces), or for ever when null. Answered with a BodyRead.
   */
  | { type: 'read'; id: number; body: number; timeoutMs: number | null }
  /** Python closed the connection before the body's end: the mock stops sending. No answer. */
  | { type: 'close'; body: number }
  | { type: 'sleep'; id: number; ms: number }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; error: PythonFailure | null };

/** An exception nothing caught, as Python printed it. */
export interface PythonFailure {
  /** The exception's class, qualified as Python prints it (`requests.exceptions.ReadTimeout`). */
  type: string;
  message: string;
  /** The line of the reader's code it came through last, when it did. */
  line: number | null;
  /** The traceback as Python prints it, without the frames of the course's own machinery. */
  traceback: string;
}

/**
 * What a connection under requests gets back (course_transport.py turns it into what a socket
 * would have done). `response` holds the head of an HTTP/1.1 response; its body follows through
 * `read` messages naming `body`, piece by piece as the mock sends it, framed as the local server
 * frames it (a Content-Length, or chunked), so requests reads it as it would from that server.
 */
export type BridgeAnswer =
  | { kind: 'response'; head: Uint8Array; body: number }
  /** Nothing listens there (a port other than the mock's). */
  | { kind: 'refused' }
  /** The name does not resolve (a host outside the mock API). */
  | { kind: 'unreachable' }
  /** The server hung up without answering (a simulated network failure). */
  | { kind: 'closed' }
  /** No answer within the read timeout. */
  | { kind: 'timeout' };

/** One read of a response's body. */
export type BodyRead =
  /** The next bytes on the wire (never empty). */
  | { kind: 'data'; bytes: Uint8Array }
  /** The server closed the connection: after the whole body, or cutting it short. */
  | { kind: 'end' }
  /** Nothing arrived within the read timeout (the sandbox ended the request as timed out). */
  | { kind: 'timeout' };
