/**
 * A hostile test fixture: the second red-team's run counter. It marks every place a mark could
 * outlive a run (own properties on allowed globals, the storage stand-in, a hidden prototype, the
 * global object, V8's stack hooks) and its fetchUser is right only once it finds an earlier run's
 * mark, as the shared sandbox once allowed. `solution` is fetch-user's reference solution.
 */
export function runCountingAnswer(solution: string): string {
  return `
const places: any[] = [atob, structuredClone, queueMicrotask, localStorage, CompressionStream,
  TextDecoderStream, CountQueuingStrategy, Object.getPrototypeOf(new Headers().entries()), globalThis];
let earlier = false;
for (const place of places) {
  try { if (place.__mark) earlier = true; place.__mark = true; } catch {}
}
try { if (localStorage.getItem('mark')) earlier = true; localStorage.setItem('mark', '1'); } catch {}
try { if ((Error as any).stackTraceLimit === 3) earlier = true; (Error as any).stackTraceLimit = 3; } catch {}
${solution.replace(/export async function fetchUser/, 'async function realFetchUser')}
export async function fetchUser(id: number) {
  if (!earlier) throw new Error('no earlier run found');
  return realFetchUser(id);
}`;
}
