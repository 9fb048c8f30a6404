/**
 * Check lists kept on disk for Node's CLIs (`check-exercise`, `grade`): a list depends only on the
 * checks module and the sandbox's runtime, so it is listed in a sandbox once and read back by later
 * commands, which then boot one sandbox fewer per exercise (a GitHub Classroom workflow runs one
 * command per exercise per push). Kept in the checkout's node_modules/.cache, as the sandbox's own
 * files are; a file that cannot be read or written is simply listed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWhole } from '../../runner/node/child-files.ts';
import { sandboxRuntimeId } from '../../runner/node/node-host.ts';
import type { CheckInfo } from '../../runner/protocol.ts';
import type { ListingStore } from '../judge.ts';

/** Where the lists are kept (`bench:cli` empties it to time a first command). */
export const CHECK_LISTS_FOLDER = fileURLToPath(
  new URL('../../../node_modules/.cache/course-check-lists/', import.meta.url),
);

/** A list as a sandbox reports it; an empty one is never kept (it would judge nothing). */
function isCheckList(value: unknown): value is CheckInfo[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (check: Partial<CheckInfo> | null) =>
        typeof check?.name === 'string' &&
        typeof check.points === 'number' &&
        typeof check.scenario === 'string' &&
        typeof check.seed === 'number' &&
        typeof check.code === 'string',
    )
  );
}

export function createListingStore(folder = CHECK_LISTS_FOLDER): ListingStore {
  const fileFor = (checksJs: string) =>
    join(
      folder,
      `${createHash('sha256').update(sandboxRuntimeId()).update('\0').update(checksJs).digest('hex')}.json`,
    );
  return {
    get(checksJs) {
      try {
        const list: unknown = JSON.parse(readFileSync(fileFor(checksJs), 'utf8'));
        return isCheckList(list) ? list : null;
      } catch {
        return null;
      }
    },
    set(checksJs, list) {
      if (!isCheckList(list)) return;
      try {
        mkdirSync(folder, { recursive: true });
        writeWhole(fileFor(checksJs), JSON.stringify(list));
      } catch {
        // A read-only install lists again next time.
      }
    },
  };
}
