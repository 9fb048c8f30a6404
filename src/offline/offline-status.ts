/**
 * Offline support in the page: registers the service worker (src/offline/service-worker.ts), says
 * quietly in the footer once the course is stored for offline use, and when a new version has been
 * deployed offers to reload. It never reloads by itself, so nobody has their page (or the code they
 * are editing) swapped underneath them; live examples save edits when the page goes away, so a
 * reload the reader chooses keeps them.
 *
 * Where service workers are unavailable (blocked, private modes, `astro dev`) nothing shows and
 * the site works as it always did: online only. A reader whose browser asks to save data (Save-Data,
 * 2G, cellular) is not sent the course unasked: the footer offers "Make the course available
 * offline" instead, and the choice is remembered. Storing comes in two stages (see
 * service-worker.ts): what the lessons need at once, the rest a batch at each idle moment after.
 */
import { Workbox } from 'workbox-window';
import { connectionAllowsPrefetch } from '../lib/connection.ts';
import type { OfflineMessage, RestProgress } from './offline-messages.ts';

const UPDATE_CHECK_MS = 30 * 60_000;
/**
 * On a first visit, storing the course (about 1 MB) waits this long after the page starts, then for
 * an idle moment: done at once it competes with a reader who presses Run straight away and slows
 * their first Run by a third (measured: 0.7–0.9 s instead of 0.5–0.6 s on two cores).
 */
const FIRST_VISIT_DELAY_MS = 5_000;
const IDLE_WAIT_MS = 5_000;
/**
 * Files the service worker stores per idle moment in the second stage (other pages, the search
 * index): a batch is a few small requests, so a reader who acts meanwhile hardly notices it.
 */
const REST_BATCH = 8;

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window)
      requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS });
    else setTimeout(resolve, 200);
  });
}

/**
 * The second stage of storing the course, after the first (the lessons and the run path) is
 * complete: a batch at each idle moment until nothing is left. Each page load resumes it, so a
 * reader who leaves early gets the rest on their next visit. `data-offline-rest` on <html> says
 * how far it is: storing, stored, paused (the connection now asks to save data) or failed (e.g. the
 * network went away; the next page load tries again).
 */
async function storeTheRest(workbox: Workbox): Promise<void> {
  const root = document.documentElement;
  root.dataset.offlineRest = 'storing';
  for (;;) {
    await whenIdle();
    if (!optedIn() && !connectionAllowsPrefetch()) {
      root.dataset.offlineRest = 'paused';
      return;
    }
    const message: OfflineMessage = { type: 'STORE_REST', count: REST_BATCH };
    const answer = (await workbox
      .messageSW(message)
      .catch((error: unknown) => ({ error: String(error) }))) as RestProgress | { error: string };
    if ('error' in answer) {
      root.dataset.offlineRest = 'failed';
      return;
    }
    if (answer.left === 0) {
      root.dataset.offlineRest = 'stored';
      return;
    }
  }
}

/** Resolves when storing the course will not get in the reader's way. */
function whenReaderIsIdle(): Promise<void> {
  // Already stored: registering again only looks for a new version, which costs one small request.
  if (navigator.serviceWorker.controller) return Promise.resolve();
  return new Promise((resolve) =>
    setTimeout(() => {
      if ('requestIdleCallback' in window)
        requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS });
      else resolve();
    }, FIRST_VISIT_DELAY_MS),
  );
}

export interface OfflineElements {
  /** The quiet "available offline" note; shown once the service worker holds the course. */
  status: HTMLElement;
  /** The "new version" offer, with its Reload and Not now buttons. */
  offer: HTMLElement;
  reload: HTMLButtonElement;
  dismiss: HTMLButtonElement;
  /** The offer to store the course, shown instead of storing it on a connection that saves data. */
  saveDataOffer: HTMLElement;
  storeButton: HTMLButtonElement;
}

const OPT_IN_KEY = 'offline-opt-in';

function optedIn(): boolean {
  try {
    return localStorage.getItem(OPT_IN_KEY) === 'yes';
  } catch {
    return false;
  }
}

function rememberOptIn(): void {
  try {
    localStorage.setItem(OPT_IN_KEY, 'yes');
  } catch {
    // Storage blocked: the offer comes back next visit, which is all that is lost.
  }
}

export function startOfflineSupport(
  elements: OfflineElements,
  scriptURL = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/sw.js`,
): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const workbox = new Workbox(scriptURL);
  let reloadRequested = false;

  workbox.addEventListener('waiting', () => {
    elements.offer.hidden = false;
    document.documentElement.dataset.update = 'waiting';
  });
  // Only the tab whose reader pressed Reload reloads; other open tabs keep their page.
  workbox.addEventListener('controlling', () => {
    if (reloadRequested) location.reload();
  });
  elements.reload.addEventListener('click', () => {
    reloadRequested = true;
    elements.reload.disabled = true;
    workbox.messageSkipWaiting();
  });
  elements.dismiss.addEventListener('click', () => {
    elements.offer.hidden = true;
  });

  // A reader may keep a lesson open for hours: look for a new version when they come back to the
  // tab, and every half hour (the browser itself only looks on navigation).
  const lookForUpdate = () => void workbox.update().catch(() => {});
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') lookForUpdate();
  });
  setInterval(lookForUpdate, UPDATE_CHECK_MS);

  const store = (when: Promise<void>) =>
    when
      .then(() => workbox.register())
      .then(() => navigator.serviceWorker.ready)
      .then(() => {
        elements.saveDataOffer.hidden = true;
        elements.status.hidden = false;
        document.documentElement.dataset.offline = 'ready';
        void storeTheRest(workbox);
      })
      .catch(() => {
        // Service workers refused (blocked by policy, storage off): the course stays online-only.
        elements.storeButton.disabled = false;
        elements.storeButton.textContent = 'Make the course available offline';
      });

  if (!navigator.serviceWorker.controller && !optedIn() && !connectionAllowsPrefetch()) {
    // The reader's browser asks to save data: store the course only if they ask for it.
    elements.saveDataOffer.hidden = false;
    document.documentElement.dataset.offline = 'offered';
    elements.storeButton.addEventListener('click', () => {
      rememberOptIn();
      elements.storeButton.disabled = true;
      elements.storeButton.textContent = 'Downloading the course…';
      document.documentElement.dataset.offline = 'storing';
      void store(Promise.resolve());
    });
    return;
  }
  // Workbox also waits for the page's load event, so storing the course never competes with the page.
  void store(whenReaderIsIdle());
}

/** Starts offline support for the footer's note and offers (OfflineStatus.astro), if the page has them. */
export function startOfflineStatus(): void {
  const status = document.querySelector<HTMLElement>('[data-offline-status]');
  const offer = document.querySelector<HTMLElement>('[data-update-offer]');
  const reload = document.querySelector<HTMLButtonElement>('[data-update-reload]');
  const dismiss = document.querySelector<HTMLButtonElement>('[data-update-dismiss]');
  const saveDataOffer = document.querySelector<HTMLElement>('[data-offline-offer]');
  const storeButton = document.querySelector<HTMLButtonElement>('[data-offline-store]');
  if (status && offer && reload && dismiss && saveDataOffer && storeButton)
    startOfflineSupport({ status, offer, reload, dismiss, saveDataOffer, storeButton });
}
