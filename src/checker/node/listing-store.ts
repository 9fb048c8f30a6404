/**
 * Check lists kept on disk for Node's CLIs (`check-exercise`, `grade`, `exercises:verify`): a list
 * depends only on the checks module and the sandbox's runtime, so it is listed in a sandbox once and
 * read back by later commands, which then boot one sandbox fewer per exercise (a GitHub Classroom
 * workflow runs one command per exercise per push). Kept beside the sandbox's own bundle, in the
 * checkout's node_modules/.cache; a file that cannot be read or written is simply listed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxRuntimeId } from '../../runner/node/node-host.ts';
import type { CheckInfo } from '../../runner/protocol.ts';
import type { ListingStore } from '../judge.ts';

const DEFAULT_FOLDER = fileURLToPath(
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

export function createListingStore(folder = DEFAULT_FOLDER): ListingStore {
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
        const file = fileFor(checksJs);
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify(list));
        renameSync(temporary, file);
      } catch {
        // A read-only install lists again next time.
      }
    },
  };
}
