// The sandbox frame's only script (see sandbox-frame.html). It starts sandbox workers for the page
// that embeds it and stops them when asked. It never reads what the workers say: each worker talks
// to the page over its own MessagePort, which the frame hands over without keeping.
(function () {
  'use strict';
  var parentWindow = window.parent;
  var workerUrl = null;
  var workers = new Map();

  function tell(message) {
    // The page's origin is not known to an opaque-origin frame; the page checks event.source.
    parentWindow.postMessage(message, '*');
  }

  window.addEventListener('message', function (event) {
    if (event.source !== parentWindow) return;
    var data = event.data;
    if (!data || typeof data.type !== 'string') return;
    if (data.type === 'source' && workerUrl === null && typeof data.source === 'string') {
      workerUrl = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
    } else if (data.type === 'spawn' && workerUrl !== null && event.ports.length === 1) {
      spawn(data.id, event.ports[0], String(data.baseUrl));
    } else if (data.type === 'terminate') {
      var worker = workers.get(data.id);
      if (worker) worker.terminate();
      workers.delete(data.id);
    }
  });

  function spawn(id, port, baseUrl) {
    var worker;
    try {
      // The fragment names the worker in developer tools; a blob: URL ignores it.
      worker = new Worker(workerUrl + '#sandbox-worker', { name: 'sandbox' });
    } catch (error) {
      tell({ type: 'worker-error', id: id, message: String(error && error.message) });
      return;
    }
    workers.set(id, worker);
    worker.addEventListener('error', function (event) {
      event.preventDefault();
      tell({ type: 'worker-error', id: id, message: String(event.message || 'no details') });
    });
    worker.postMessage({ type: 'connect', baseUrl: baseUrl }, [port]);
  }

  tell({ type: 'frame-ready' });
})();
