/**
 * Serves the built site (dist/) on 127.0.0.1 for the end-to-end tests and the benchmark.
 * `astro preview` allows only one server per project, which breaks parallel test runs, so the tests
 * use this small server instead. It gzips text responses (as any production host would), so byte
 * counts in the benchmark are realistic, and answers unknown paths with dist/404.html and status 404.
 *
 * Usage: tsx scripts/build/serve-static.ts [--port 4322] [--dir dist]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
};
const compressible = /^(text\/|application\/(json|wasm|xml)|image\/svg)/;

function resolveFile(root: string, pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  const candidate = normalize(join(root, decoded));
  if (!candidate.startsWith(root)) return undefined; // path traversal
  for (const file of [candidate, join(candidate, 'index.html'), `${candidate}.html`]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

export function serveStatic(dir: string, port: number): Promise<Server> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let file: string | undefined;
    try {
      file = resolveFile(root, url.pathname);
    } catch {
      file = undefined; // malformed escape in the path
    }
    const status = file ? 200 : 404;
    file ??= join(root, '404.html');
    if (!existsSync(file)) {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Not found. Run `npm run build` first.');
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    const gzip =
      compressible.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    response.writeHead(status, {
      'content-type': type,
      'cache-control': file.includes('/_astro/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    if (request.method === 'HEAD') return response.end();
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip()) : stream).pipe(response);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '4322' },
      dir: { type: 'string', default: 'dist' },
    },
  });
  if (!existsSync(resolve(values.dir, 'index.html'))) {
    console.error(`No built site in ${values.dir}/. Run \`npm run build\` first.`);
    process.exit(1);
  }
  const server = await serveStatic(values.dir, Number(values.port));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  console.log(`Serving ${values.dir}/ at http://127.0.0.1:${port}/`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
