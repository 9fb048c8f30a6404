import { check, expect } from 'course:checks';

const API = 'https://api.example.com';

/** The readings /stream/{n} sends, in order (the same in every run). */
const READINGS = [
  { seq: 1, celsius: 21.7 },
  { seq: 2, celsius: 25.4 },
  { seq: 3, celsius: 20.1 },
  { seq: 4, celsius: 23.8 },
  { seq: 5, celsius: 18.5 },
];

export default [
  check(
    { name: 'returns every line of /stream/5, each split across two pieces, parsed', points: 2 },
    async ({ learner }) => {
      const values = await learner.readNdjson(`${API}/stream/5?interval=0.5`, 100_000);
      expect(values, 'readNdjson(/stream/5)').toEqual(READINGS);
    },
  ),
  check(
    { name: 'reads long lines whole (each line padded to over 500 bytes)', points: 1 },
    async ({ learner }) => {
      const values = (await learner.readNdjson(
        `${API}/stream/3?interval=0.5&pad=500`,
        100_000,
      )) as { seq?: unknown; pad?: unknown }[];
      expect(
        values.map((value) => value.seq),
        'the seq of each value',
      ).toEqual([1, 2, 3]);
      expect(values[2]?.pad, 'the pad of the last value').toBe('x'.repeat(500));
    },
  ),
  check(
    {
      name: 'a body of exactly maxBytes bytes (249) is read whole: only more is too large',
      points: 1,
    },
    async ({ learner }) => {
      const values = (await learner.readNdjson(`${API}/stream/10?interval=0.2`, 249)) as unknown[];
      expect(values.length, 'values returned from a 249-byte body with maxBytes 249').toBe(10);
    },
  ),
  check(
    {
      name: 'stops as soon as the body passes maxBytes: BodyTooLargeError, the body cancelled',
      points: 3,
    },
    async ({ learner, clock, network }) => {
      // Lines of 134 bytes, one every 0.5 s, for 50 s. Counting bytes as they arrive, the cap is
      // passed at 3.5 s, in the middle of line 8 (counting whole lines, only at 4 s).
      const error = await expect.rejection(
        () => learner.readNdjson(`${API}/stream/100?interval=0.5&pad=100`, 1_000),
        'readNdjson(/stream/100?pad=100, 1000)',
      );
      expect(error.name, 'error.name').toBe('BodyTooLargeError');
      expect(
        clock.now(),
        'virtual ms until it rejected (the cap is passed at 3,500)',
      ).toBeLessThanOrEqual(3_550);
      const request = network()[0];
      expect(
        request?.endMs !== null && request?.endMs !== undefined,
        'the request ended when readNdjson rejected (its body cancelled, so the server stopped)',
      ).toBe(true);
    },
  ),
  check(
    {
      name: 'counts bytes, not lines: one line of over 5,000 bytes is refused at its first piece',
      points: 2,
    },
    async ({ learner, clock }) => {
      // The first half of the line (2,500 bytes) comes at once; its end only 2 s later.
      const error = await expect.rejection(
        () => learner.readNdjson(`${API}/stream/2?interval=2&pad=5000`, 1_000),
        'readNdjson(/stream/2?pad=5000, 1000)',
      );
      expect(error.name, 'error.name').toBe('BodyTooLargeError');
      expect(clock.now(), 'virtual ms until it rejected').toBeLessThanOrEqual(50);
    },
  ),
  check(
    {
      name: "rejects with the cut connection's TypeError, never returning part of the body",
      points: 2,
    },
    async ({ learner, clock }) => {
      // Two lines and half of the third arrive by 1 s; the connection is cut at 1.5 s.
      const error = await expect.rejection(
        () => learner.readNdjson(`${API}/stream/5?interval=0.5&cut_after=2`, 100_000),
        'readNdjson(/stream/5?cut_after=2)',
      );
      expect(error.name, 'error.name').toBe('TypeError');
      expect(
        clock.now(),
        'virtual ms until it rejected (the cut comes at 1,500)',
      ).toBeGreaterThanOrEqual(1_500);
    },
  ),
];
