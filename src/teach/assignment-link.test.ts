import { describe, expect, it } from 'vitest';
import {
  assignmentUrl,
  decodeAssignmentLink,
  encodeAssignmentHash,
  maxAssignmentPayload,
  type Assignment,
} from './assignment-link.ts';
import { compressJson, deflateRaw, fromBase64Url, toBase64Url } from './compressed-json.ts';
import { isLate, zonedToIso } from './due-date.ts';
import { fingerprintChecks } from './fingerprint.ts';

const fp = (digit: string) => `sha256-${digit.repeat(64)}`;

const assignment: Assignment = {
  version: 1,
  id: 'abcDEF123_-x',
  title: 'Week 3: errors and timeouts',
  instructions: 'Solve both. Ünïcødé and "quotes" survive.',
  due: '2026-12-01T23:59:00+01:00',
  timeZone: 'Europe/Berlin',
  exercises: [
    { id: 'fetch-user', fingerprint: fp('a'), points: 10 },
    { id: 'timeout-get-json', fingerprint: fp('b') },
  ],
};

async function expectBroken(link: string, fragment: string) {
  const result = await decodeAssignmentLink(link);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.message).toContain(fragment);
    expect(result.message).toContain('Ask the teacher who made it for a new link');
  }
}

describe('assignment link', () => {
  it('round-trips through a full URL, its hash and the bare payload', async () => {
    const url = await assignmentUrl('https://course.example/http/', assignment);
    expect(url).toMatch(
      /^https:\/\/course\.example\/http\/teach\/assignment\/#a=2\.[A-Za-z0-9_-]+$/,
    );
    const hash = await encodeAssignmentHash(assignment);
    for (const link of [url, hash, hash.slice('#a='.length)]) {
      expect(await decodeAssignmentLink(link)).toEqual({ ok: true, assignment });
    }
  });

  it('still opens links in the first, JSON form', async () => {
    const old = `https://course.example/http/teach/assignment/#a=${await compressJson(assignment)}`;
    expect(await decodeAssignmentLink(old)).toEqual({ ok: true, assignment });
    const bare: Assignment = { ...assignment };
    delete bare.instructions;
    expect(await decodeAssignmentLink(`#a=${await compressJson(bare)}`)).toEqual({
      ok: true,
      assignment: bare,
    });
  });

  it('makes links about a quarter shorter than the JSON form (fingerprints as raw bytes)', async () => {
    // Real SHA-256 digests: deflate cannot shrink their hex, as it could the fixture's 'aaaa…'.
    const task = async (count: number): Promise<Assignment> => ({
      ...assignment,
      exercises: await Promise.all(
        Array.from({ length: count }, async (_, index) => ({
          id: `exercise-${index}`,
          fingerprint: await fingerprintChecks(`checks ${index}`),
        })),
      ),
    });
    for (const count of [1, 3, 8]) {
      const chosen = await task(count);
      const short = (await encodeAssignmentHash(chosen)).length;
      const json = `#a=${await compressJson(chosen)}`.length;
      expect(short / json).toBeLessThan(0.8);
    }
  });

  it('round-trips the short form without instructions, with empty ones and without points', async () => {
    const noInstructions: Assignment = { ...assignment };
    delete noInstructions.instructions;
    const variants: Assignment[] = [
      noInstructions,
      { ...assignment, instructions: '' },
      {
        ...assignment,
        exercises: assignment.exercises.map(({ id, fingerprint }) => ({ id, fingerprint })),
      },
      { ...assignment, exercises: [{ id: 'fetch-user', fingerprint: fp('c'), points: 2.5 }] },
    ];
    for (const variant of variants) {
      const decoded = await decodeAssignmentLink(await encodeAssignmentHash(variant));
      expect(decoded).toEqual({ ok: true, assignment: variant });
    }
  });

  it('refuses a damaged or forged short form', async () => {
    const hash = await encodeAssignmentHash(assignment);
    const bytes = fromBase64Url(hash.slice('#a=2.'.length));
    const forge = (edit: (copy: Uint8Array) => Uint8Array) =>
      `#a=2.${toBase64Url(edit(Uint8Array.from(bytes)))}`;
    // More exercises than fingerprints, and a fingerprint count past the end.
    await expectBroken(
      forge((copy) => ((copy[1] = 3), copy)),
      'damaged or incomplete',
    );
    await expectBroken(
      forge((copy) => ((copy[1] = 200), copy)),
      'damaged or incomplete',
    );
    await expectBroken('#a=2.', 'damaged or incomplete');
    // A layout from a newer site is named as such, not as damage.
    await expectBroken(
      forge((copy) => ((copy[0] = 2), copy)),
      'newer version',
    );
    // Fields the schema does not know are refused, as in the JSON form.
    const extra = async (fields: unknown[]) =>
      `#a=2.${toBase64Url(
        Uint8Array.from([
          ...bytes.subarray(0, 2 + 64),
          ...(await deflateRaw(new TextEncoder().encode(JSON.stringify(fields)))),
        ]),
      )}`;
    const fields = [
      assignment.id,
      assignment.title,
      assignment.due,
      assignment.timeZone,
      [['fetch-user', 10], ['timeout-get-json']],
      assignment.instructions,
    ];
    expect(await decodeAssignmentLink(await extra(fields))).toEqual({ ok: true, assignment });
    await expectBroken(await extra([...fields, 'more']), 'not a valid assignment');
    await expectBroken(
      await extra([...fields.slice(0, 4), [['fetch-user', 10, 'x'], ['timeout-get-json']]]),
      'not a valid assignment',
    );
    // A bomb in the short form stops at the same limit.
    await expectBroken(
      await extra([...fields.slice(0, 5), ' '.repeat(5_000_000)]),
      'expands to more than 64 KiB',
    );
  });

  it('refuses to encode an invalid assignment, saying which field', async () => {
    await expect(encodeAssignmentHash({ ...assignment, due: '1 December' })).rejects.toThrow(
      /due: Use an ISO date-time with an offset/,
    );
    await expect(encodeAssignmentHash({ ...assignment, exercises: [] })).rejects.toThrow(
      /Pick at least one exercise/,
    );
  });

  it('refuses to encode an assignment too long for a link', async () => {
    const random = toBase64Url(crypto.getRandomValues(new Uint8Array(7000)));
    await expect(encodeAssignmentHash({ ...assignment, instructions: random })).rejects.toThrow(
      /too long for a link .* Shorten the instructions/,
    );
  });

  it('rejects a link without an assignment', async () => {
    await expectBroken('https://course.example/teach/assignment/', 'it has no assignment in it');
    await expectBroken(
      'https://course.example/teach/assignment/#b=xyz',
      'it has no assignment in it',
    );
  });

  it('rejects an oversize link before decoding it', async () => {
    await expectBroken(`#a=${'A'.repeat(maxAssignmentPayload + 1)}`, 'it is too long');
  });

  it('rejects garbage and a cut-off link as damaged', async () => {
    await expectBroken('#a=!!not*base64!!', 'damaged or incomplete');
    const hash = await encodeAssignmentHash(assignment);
    await expectBroken(hash.slice(0, hash.length - 20), 'damaged or incomplete');
    await expectBroken(`#a=${await compressJson('x').then((p) => p)}x`, 'damaged');
  });

  it('stops a decompression bomb at 64 KiB', async () => {
    const bomb = await compressJson({ version: 1, title: ' '.repeat(5_000_000) });
    expect(bomb.length).toBeLessThan(maxAssignmentPayload);
    await expectBroken(`#a=${bomb}`, 'expands to more than 64 KiB');
  });

  it('rejects valid JSON that is not an assignment, naming the field', async () => {
    await expectBroken(`#a=${await compressJson({ hello: 1 })}`, 'not a valid assignment');
    await expectBroken(
      `#a=${await compressJson({ ...assignment, exercises: [assignment.exercises[0], assignment.exercises[0]] })}`,
      'Each exercise may appear only once',
    );
  });

  it('tells a link from a newer site version apart', async () => {
    await expectBroken(`#a=${await compressJson({ ...assignment, version: 2 })}`, 'newer version');
  });
});

describe('due dates', () => {
  it('turns a wall-clock time in a zone into an ISO date-time with that offset, DST included', () => {
    expect(zonedToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T12:00:00+02:00');
    expect(zonedToIso('2026-12-01T23:59', 'Europe/Berlin')).toBe('2026-12-01T23:59:00+01:00');
    expect(zonedToIso('2026-12-01T23:59', 'America/New_York')).toBe('2026-12-01T23:59:00-05:00');
    expect(zonedToIso('2026-12-01T23:59', 'Asia/Kolkata')).toBe('2026-12-01T23:59:00+05:30');
    expect(zonedToIso('2026-12-01T23:59', 'UTC')).toBe('2026-12-01T23:59:00+00:00');
  });

  it('marks work after the due instant as late, whatever the offsets', () => {
    expect(isLate('2026-12-01T22:58:59Z', '2026-12-01T23:59:00+01:00')).toBe(false);
    expect(isLate('2026-12-01T23:00:00Z', '2026-12-01T23:59:00+01:00')).toBe(true);
  });
});
