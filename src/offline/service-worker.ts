/// <reference lib="webworker" />
/**
 * The course's service worker (built by scripts/build/build-service-worker.ts into dist/sw.js). After one
 * visit it answers the site's own files from its caches, so the course works offline. It stores them in
 * two stages (lists from scripts/build/service-worker-precache.ts), so the reader's first visit is not
 * one long download:
 * - at install: what reading the lessons and running their examples needs (their pages and scripts,
 *   the sandbox, the compiled examples);
 * - then a few files at a time, each batch when the page says its reader is idle (STORE_REST, sent by
 *   src/offline/offline-status.ts): the other pages, the search index, the public files;
 * - kept once fetched: the rest of the hashed build files (the editor, the compiler, esbuild.wasm),
 *   and the browser's Python (its wasm, standard library, packages and worker) in a cache of its own,
 *   so that neither evicts the other (src/offline/python-files.ts).
 *
 * What it never does: answer a request for another origin. Learner code's `fetch` to the mock API
 * (api.example.com, ...) is answered inside the sandbox worker and never reaches the network, and
 * none of the routes below could match it even if it did. A new version waits until the reader
 * chooses to reload (src/offline/offline-status.ts sends SKIP_WAITING), so no page has its code
 * swapped underneath it.
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import {
  cleanupOutdatedCaches,
  matchPrecache,
  precacheAndRoute,
  PrecacheController,
  PrecacheRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import type { OfflineMessage, RestProgress } from './offline-messages.ts';
import { isPythonFile, PYTHON_CACHE, PYTHON_CACHE_ENTRIES } from './python-files.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;
type Manifest = (PrecacheEntry | string)[];

// Pagefind adds `?ts=<time>` to its index requests to dodge HTTP caches; the stored copy is the
// one that matches this version of the site, whatever the query says.
const routeOptions = { ignoreURLParametersMatching: [/.*/] };

// `self.__WB_MANIFEST`, spelled out: the build replaces exactly that text with the first stage's list.
precacheAndRoute((self as unknown as { __WB_MANIFEST: Manifest }).__WB_MANIFEST, routeOptions);
cleanupOutdatedCaches();

// The second stage: its own cache, filled by storeSomeOfTheRest, emptied of old versions' files when
// this version takes over. Until a file is stored, it comes from the network.
const rest = new PrecacheController({ cacheName: 'course-offline-rest' });
rest.addToCacheList(
  (self as unknown as { __OFFLINE_REST_MANIFEST: Manifest }).__OFFLINE_REST_MANIFEST,
);
registerRoute(new PrecacheRoute(rest, routeOptions));
sw.addEventListener('activate', (event) => void rest.activate(event));

/** Stores up to `count` second-stage files not stored yet, one at a time, and says what is left. */
async function storeSomeOfTheRest(count: number): Promise<RestProgress> {
  const cache = await caches.open(rest.strategy.cacheName);
  const stored = new Set((await cache.keys()).map((request) => request.url));
  const missing = [...rest.getURLsToCacheKeys()].filter(([, key]) => !stored.has(key));
  const batch = missing.slice(0, count);
  for (const [url, key] of batch) {
    // A file with a revision of its own may sit in the HTTP cache from an older version: ask the server.
    const response = await fetch(url, { cache: url === key ? 'default' : 'reload' });
    if (!response.ok) throw new Error(`${url} answered ${response.status}.`);
    await cache.put(key, response);
  }
  const left = missing.length - batch.length;
  return { stored: rest.getURLsToCacheKeys().size - left, left };
}

// Python's files (about 7 MB gzip), fetched by the page on the reader's first Python run: kept from
// then on, apart from the editor's chunks, which would otherwise push them out. Registered first, so
// the route below does not take them.
registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && request.method === 'GET' && isPythonFile(url.pathname),
  new CacheFirst({
    cacheName: PYTHON_CACHE,
    plugins: [new ExpirationPlugin({ maxEntries: PYTHON_CACHE_ENTRIES, purgeOnQuotaError: true })],
  }),
);

// Build files carry a content hash in their name, so a cached copy is never stale.
registerRoute(
  ({ url, request, sameOrigin }) =>
    sameOrigin && request.method === 'GET' && url.pathname.startsWith('/_astro/'),
  new CacheFirst({
    cacheName: 'course-build-files',
    plugins: [new ExpirationPlugin({ maxEntries: 150, purgeOnQuotaError: true })],
  }),
);

// Offline, a page that was never stored gets the site's "not found" page, with its navigation.
setCatchHandler(async ({ request }) =>
  request.destination === 'document'
    ? ((await matchPrecache('/404.html')) ?? Response.error())
    : Response.error(),
);

sw.addEventListener('message', (event) => {
  const message = event.data as OfflineMessage | null;
  if (message?.type === 'SKIP_WAITING') void sw.skipWaiting();
  if (message?.type === 'STORE_REST') {
    const reply = (answer: RestProgress | { error: string }) => event.ports[0]?.postMessage(answer);
    event.waitUntil(
      storeSomeOfTheRest(message.count).then(reply, (error: unknown) =>
        reply({ error: error instanceof Error ? error.message : String(error) }),
      ),
    );
  }
});

// On the first visit, take the open page too, so what it fetches next (the editor) is kept.
clientsClaim();
