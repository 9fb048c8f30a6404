/**
 * A hostile test fixture: the red-teams' run counters. It marks every place a mark could outlive a
 * run (own properties on allowed globals, the storage, hidden prototypes of host objects, Node's own
 * error classes, a key's prototype, the global object, V8's stack hooks) and reads its module's URL
 * for a load count; its fetchUser is right only once it finds an earlier run, as sandboxes shared
 * between checks once allowed. `solution` is fetch-user's reference solution.
 */
export function runCountingAnswer(solution: string): string {
  return `
const hostError = (() => { try { new EventTarget().addEventListener('x', 5 as any); } catch (error) { return Object.getPrototypeOf(error); } })();
const key = await globalThis.crypto?.subtle?.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']).catch(() => null);
const places: any[] = [atob, structuredClone, queueMicrotask, localStorage, CompressionStream,
  TextDecoderStream, CountQueuingStrategy, Object.getPrototypeOf(new Headers().entries()), globalThis,
  Object.getPrototypeOf(new Intl.Segmenter().segment('')), hostError, key && Object.getPrototypeOf(key)];
let earlier = /load%20([2-9]|\\d\\d+)$/.test(import.meta.url);
for (const place of places) {
  try { if (place?.__mark) earlier = true; place.__mark = true; } catch {}
}
try { if (localStorage.getItem('mark')) earlier = true; localStorage.setItem('mark', '1'); } catch {}
try { if ((Error as any).stackTraceLimit === 3) earlier = true; (Error as any).stackTraceLimit = 3; } catch {}
${solution.replace(/export async function fetchUser/, 'async function realFetchUser')}
export async function fetchUser(id: number) {
  if (!earlier) throw new Error('no earlier run found');
  return realFetchUser(id);
}`;
}
