/**
 * The seed every run uses unless told otherwise. Its own module, with no imports, so the page can
 * name it without loading the mock API.
 */
export const DEFAULT_SEED = 1;
