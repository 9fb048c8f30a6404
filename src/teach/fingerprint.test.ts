import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksProblems, catalogById, type CatalogExercise } from './catalog.ts';
import { FINGERPRINT_PATTERN, fingerprintChecks } from './fingerprint.ts';
import { loadCatalog } from './node/exercise-catalog.ts';
import { buildAssignment } from './build-assignment.ts';

const checksFile = new URL(
  '../../lessons/03-response-errors/exercises/fetch-user/checks.ts',
  import.meta.url,
);

describe('checks fingerprint', () => {
  it('is SHA-256 of checks.ts, the same for CRLF and LF, and changes with any edit', async () => {
    const source = readFileSync(checksFile, 'utf8');
    const fingerprint = await fingerprintChecks(source);
    expect(fingerprint).toMatch(FINGERPRINT_PATTERN);
    expect(await fingerprintChecks(source.replace(/\n/g, '\r\n'))).toBe(fingerprint);
    expect(await fingerprintChecks(source.replace('points: 2', 'points: 3'))).not.toBe(fingerprint);
    // A known value, so the page (Web Crypto in the browser) and Node can be compared by hand.
    expect(await fingerprintChecks('abc')).toBe(
      'sha256-ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('the Node catalog fingerprints each exercise from its checks.ts', async () => {
    const catalog = await loadCatalog();
    const fetchUser = catalog.find((exercise) => exercise.id === 'fetch-user')!;
    expect(fetchUser.fingerprint).toBe(await fingerprintChecks(readFileSync(checksFile, 'utf8')));
    expect(fetchUser.maxPoints).toBe(8);
    expect(fetchUser.title).toBe('Fetch a user, and name every failure');
  });

  it('detects checks that changed or vanished after the link was made', async () => {
    const catalog = await loadCatalog();
    const assignment = buildAssignment(
      {
        title: 'Week 3',
        dueLocal: '2026-12-01T23:59',
        timeZone: 'UTC',
        exercises: catalog.map(({ id }) => ({ id })),
      },
      catalogById(catalog),
    );
    expect(checksProblems(assignment, catalogById(catalog))).toEqual([]);
    const [first, ...rest] = catalog as [CatalogExercise, ...CatalogExercise[]];
    const edited = { ...first, fingerprint: await fingerprintChecks('// edited checks') };
    const problems = checksProblems(assignment, catalogById([edited]));
    expect(problems[0]).toMatchObject({ exercise: first.id, kind: 'changed' });
    expect(problems[0]!.message).toContain('changed after this assignment was made');
    expect(problems.slice(1).map((problem) => problem.kind)).toEqual(rest.map(() => 'missing'));
  });
});
