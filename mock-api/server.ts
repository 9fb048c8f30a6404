/**
 * The mock API as a real HTTP/1.1 server on 127.0.0.1, for curl, Python or Node scripts:
 *
 *   npm run mock-api                          # http://127.0.0.1:4010, scenario "normal"
 *   npm run mock-api -- --scenario flaky      # or SCENARIO=flaky; PORT=5000 to move it
 *
 * api.example.com paths are served at `/`, api.github.com under `/github/`, down.example.com under
 * `/down/`. The answers come from the very handlers the browser sandbox uses (msw's `getResponse`),
 * so the local server can never drift from the lessons.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { getResponse } from 'msw';
import { defineCli, parseCliOrExit, usageError } from '../scripts/course-cli/cli-args.ts';
import { createMockApi } from './create-mock-api';
import { localHeaderValue, virtualUrlFromLocalPath } from './hosts';
import { isScenarioId, scenarios, type ScenarioId } from './scenarios';
import { statusText } from './status-text';
import { STREAMED_BODY_HEADER, isStreamedBody } from './timed-stream';

export interface MockServerOptions {
  /** @default 4010 (0 picks a free port) */
  port?: number;
  /** Only loopback by default: the mock is for this machine. @default '127.0.0.1' */
  host?: string;
  /** @default 'normal' */
  scenario?: ScenarioId;
  /** @default 1 */
  seed?: number;
  /** Delay of the `slow` scenario. @default 3000 */
  slowMs?: number;
  /** Bodies larger than this are refused with 413. @default 1 MiB */
  maxBodyBytes?: number;
  /** Suppresses the per-request log line. @default false */
  quiet?: boolean;
  /** Where log lines go. @default console.log */
  log?: (line: string) => void;
}

export interface MockServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Requests received and not yet answered or abandoned (a hang shows up here until it ends). */
  activeRequests(): number;
  /** Stops accepting, ends hanging requests and open keep-alive connections, then resolves. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

class BodyTooLarge extends Error {}

/** Reads the request body, refusing (without buffering further) once it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendPlainError(res: ServerResponse, status: number, detail: string, close = false): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ title: statusText(status), status, detail }, null, 2);
  res.writeHead(status, statusText(status), {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    Date: new Date().toUTCString(),
    'X-Request-Id': `srv_${randomBytes(8).toString('hex')}`,
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(body);
}

/** Starts the server; resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { handlers } = createMockApi({
    scenario: options.scenario,
    seed: options.seed,
    slowMs: options.slowMs,
  });
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  // Requests still waiting on a handler (a hang, a delay): aborted on close so nothing lingers.
  // The Request is kept here too: undici links a Request's signal to the one it was built with only
  // through a weak reference, so a Request nobody holds can be collected mid-hang and the handler
  // would never hear that the client left.
  const inFlight = new Map<AbortController, Request | undefined>();

  const server = createServer({ keepAlive: true }, async (req, res) => {
    const started = performance.now();
    const controller = new AbortController();
    inFlight.set(controller, undefined);
    // 'close' on the response before it finished means the client went away: stop working for it.
    res.on('close', () => {
      inFlight.delete(controller);
      if (!res.writableFinished) controller.abort();
    });
    const logLine = (outcome: string) =>
      log(`${req.method} ${req.url} → ${outcome} (${Math.round(performance.now() - started)} ms)`);

    try {
      if (!req.url?.startsWith('/')) {
        logLine('400');
        return sendPlainError(res, 400, `Send a path such as /users/42, not '${req.url}'.`);
      }
      const virtualUrl = virtualUrlFromLocalPath(req.url);
      const isHead = req.method === 'HEAD';
      let body: Buffer | undefined;
      try {
        body = await readBody(req, maxBody);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          logLine('413');
          // The rest of the body is never read, so this connection cannot carry another request.
          sendPlainError(res, 413, `Request bodies are limited to ${maxBody} bytes.`, true);
          res.on('finish', () => req.socket.destroy());
          return;
        }
        throw error;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (
          value === undefined ||
          name === 'host' ||
          name === 'connection' ||
          name === 'keep-alive'
        )
          continue;
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
      }
      headers.set('host', new URL(virtualUrl).host);
      const hasBody = body.length > 0 && req.method !== 'GET' && !isHead;
      const request = new Request(virtualUrl, {
        method: isHead ? 'GET' : req.method,
        headers,
        body: hasBody ? new Uint8Array(body) : undefined,
        signal: controller.signal,
      });
      if (inFlight.has(controller)) inFlight.set(controller, request);

      const response = await getResponse(handlers, request);
      if (controller.signal.aborted || res.destroyed) return logLine('client gave up');
      if (!response)
        return (logLine('404'), sendPlainError(res, 404, `Nothing answers ${virtualUrl}.`));
      if (response.type === 'error') {
        // A network failure: hang up without a status line, as a dead host or a reset would.
        logLine('network error (socket closed)');
        return void req.socket.destroy();
      }
      if (response.status < 200) {
        logLine('501');
        return sendPlainError(
          res,
          501,
          `A ${response.status} is an interim status and cannot end an exchange over real HTTP.`,
        );
      }
      const outHeaders: Record<string, string | string[]> = {};
      const requestOrigin = new URL(virtualUrl).origin;
      for (const [name, value] of response.headers) {
        if (name === STREAMED_BODY_HEADER) continue; // for hosts only: no client sees it
        // Links and Locations point at the virtual host; a client of this server must follow them here.
        outHeaders[name] = localHeaderValue(name, value, requestOrigin, req.headers.host);
      }
      // A body the route streams on purpose (/slow-body, /stream, /sse, /drip) goes out piece by
      // piece, as it is made, chunked or within the Content-Length it declared.
      if (isStreamedBody((name) => response.headers.get(name)) && !isHead && response.body) {
        res.writeHead(
          response.status,
          response.statusText || statusText(response.status),
          outHeaders,
        );
        try {
          for await (const piece of response.body) {
            if (res.destroyed) break;
            res.write(piece);
          }
        } catch {
          // The client left mid-body (its abort ended the stream), or the route cut the connection
          // (/stream?cut_after=3): either way the body cannot end cleanly, so neither does the socket.
          res.destroy();
          return logLine(
            controller.signal.aborted ? 'client gave up mid-body' : 'connection cut mid-body',
          );
        }
        res.end();
        return logLine(String(response.status));
      }
      delete outHeaders['transfer-encoding'];
      const payload = Buffer.from(await response.arrayBuffer());
      // RFC 9110 §8.6: never on a 204, and on a 304 only as the 200's length, which is not known
      // here (a cache that took a 0 from a 304 would cut its stored body).
      if (response.status === 204 || response.status === 304) delete outHeaders['content-length'];
      else outHeaders['content-length'] = String(payload.length);
      res.writeHead(
        response.status,
        response.statusText || statusText(response.status),
        outHeaders,
      );
      res.end(isHead ? undefined : payload);
      logLine(String(response.status));
    } catch (error) {
      logLine(`500 (${(error as Error).message})`);
      sendPlainError(res, 500, `The mock server failed: ${(error as Error).message}`);
    }
  });

  // Garbage on the wire (not HTTP, absurd headers): answer 400 and drop only that connection.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    activeRequests: () => inFlight.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of inFlight.keys()) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const CLI = defineCli({
  name: 'mock-api',
  usage: '[--scenario ID] [--port N] [--seed N]',
  summary:
    "Serves the course's mock API (the same handlers the browser sandbox uses) on 127.0.0.1 until Ctrl+C. SCENARIO, PORT and SEED in the environment work too.",
  options: {
    scenario: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
  },
  optionHelp: {
    scenario: `How the API behaves: ${scenarios.map((scenario) => scenario.id).join(', ')} (default normal).`,
    port: 'Port to listen on; 0 picks a free one (default 4010).',
    seed: 'Seed for the flaky scenarios (default 1).',
  },
  exitCodes: {
    0: 'stopped with Ctrl+C',
    1: 'could not start (the message says why)',
    2: 'usage error (the message says what to change)',
  },
});

async function main(): Promise<void> {
  const { values } = parseCliOrExit(CLI);
  const args = {
    scenario: values.scenario ?? process.env.SCENARIO ?? 'normal',
    port: Number(values.port ?? process.env.PORT ?? 4010),
    seed: Number(values.seed ?? process.env.SEED ?? 1),
  };
  if (!isScenarioId(args.scenario)) {
    process.exit(
      usageError(
        CLI,
        `Unknown scenario "${args.scenario}". Use one of: ${scenarios.map((scenario) => scenario.id).join(', ')}.`,
      ),
    );
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    process.exit(
      usageError(CLI, `The port is a whole number from 0 to 65535, got "${args.port}".`),
    );
  }
  if (!Number.isInteger(args.seed)) {
    process.exit(usageError(CLI, `The seed is a whole number, got "${args.seed}".`));
  }
  let server: MockServer;
  try {
    server = await startMockServer({ port: args.port, scenario: args.scenario, seed: args.seed });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${args.port} is already in use (another mock server?). Stop it, or pick another: PORT=4011 npm run mock-api.`
        : `Could not start the mock server: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  const label = scenarios.find((scenario) => scenario.id === args.scenario)!.label;
  console.log(
    `Mock API on ${server.url}  (scenario: ${label}; GitHub under ${server.url}/github/)`,
  );
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    console.log('\nStopping the mock server…');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
