/** The messages between the page (offline-status.ts) and the service worker (service-worker.ts). */
export type OfflineMessage =
  /** Take over now: the reader chose to reload into the new version. */
  | { type: 'SKIP_WAITING' }
  /** Store up to `count` more files of the second stage; the reply is a RestProgress or an error. */
  | { type: 'STORE_REST'; count: number };

/** How far the second stage is: files stored, files still to store. */
export interface RestProgress {
  stored: number;
  left: number;
}
