/// <reference lib="webworker" />
/**
 * The course's service worker (built by scripts/build/build-service-worker.ts into dist/sw.js). After one
 * visit it answers the site's own files from its caches, so the course works offline:
 * - precached on install (list from scripts/build/service-worker-precache.ts): every page, what pages load
 *   before the reader acts, the sandbox worker, the compiled examples, the search index;
 * - kept once fetched: the rest of the hashed build files (the editor, the compiler, esbuild.wasm).
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
  type PrecacheEntry,
} from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

const sw = self as unknown as ServiceWorkerGlobalScope;

// `self.__WB_MANIFEST`, spelled out: the build replaces exactly that text with the precache list.
precacheAndRoute((self as unknown as { __WB_MANIFEST: (PrecacheEntry | string)[] }).__WB_MANIFEST, {
  // Pagefind adds `?ts=<time>` to its index requests to dodge HTTP caches; the stored copy is the
  // one that matches this version of the site, whatever the query says.
  ignoreURLParametersMatching: [/.*/],
});
cleanupOutdatedCaches();

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
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

// On the first visit, take the open page too, so what it fetches next (the editor) is kept.
clientsClaim();
