/**
 * The sandbox frame's document, given to the iframe as `srcdoc` so it needs no request (it works
 * offline, where a sandboxed frame's own navigation would bypass the service worker). Its one inline
 * script is allowed by its hash in the page's CSP, which a srcdoc frame inherits.
 *
 * The script starts sandbox workers for the page and stops them when asked. It never reads what the
 * workers say: each worker talks to the page over its own MessagePort, handed over without keeping.
 */
export const FRAME_SCRIPT = `(function () {
  'use strict';
  var parentWindow = window.parent;
  // One script per kind of worker (the sandbox, the Python worker), each a blob: URL made once.
  var workerUrls = Object.create(null);
  var workers = new Map();
  function tell(message) {
    // An opaque-origin frame cannot name the page's origin; the page checks event.source instead.
    parentWindow.postMessage(message, '*');
  }
  function spawn(id, kind, port, baseUrl, warmUp) {
    var worker;
    try {
      // The fragment names the worker in developer tools; a blob: URL ignores it.
      worker = new Worker(workerUrls[kind] + '#' + kind + '-worker', { name: kind });
    } catch (error) {
      tell({ type: 'worker-error', id: id, message: String(error && error.message) });
      return;
    }
    workers.set(id, worker);
    worker.addEventListener('error', function (event) {
      event.preventDefault();
      tell({ type: 'worker-error', id: id, message: String(event.message || 'no details') });
    });
    worker.postMessage({ type: 'connect', baseUrl: baseUrl, warmUp: warmUp }, [port]);
  }
  window.addEventListener('message', function (event) {
    if (event.source !== parentWindow) return;
    var data = event.data;
    if (!data || typeof data.type !== 'string') return;
    var kind = data.kind === 'python' ? 'python' : 'sandbox';
    if (data.type === 'source' && !workerUrls[kind] && typeof data.source === 'string') {
      workerUrls[kind] = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
    } else if (data.type === 'spawn' && workerUrls[kind] && event.ports.length === 1) {
      spawn(data.id, kind, event.ports[0], String(data.baseUrl), data.warmUp !== false);
    } else if (data.type === 'terminate') {
      var worker = workers.get(data.id);
      if (worker) worker.terminate();
      workers.delete(data.id);
    }
  });
  tell({ type: 'frame-ready' });
})();`;

/**
 * The frame's own policy, on top of the page's it inherits (both apply): no network at all, scripts
 * only from blob: URLs (the workers, and the learner's module inside one) and inline, where the page's
 * policy admits the one inline script by its hash. Workers started from blob: URLs inherit both.
 * `wasm-unsafe-eval` lets the Python worker compile Pyodide's WebAssembly; it does not allow `eval`
 * or `new Function`, and WebAssembly reaches nothing JavaScript could not.
 */
export function frameDocument(): string {
  const policy = [
    "default-src 'none'",
    "script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:",
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<title>Sandbox</title>',
    `<script>${FRAME_SCRIPT}</script>`,
    '</head><body></body></html>',
  ].join('');
}
