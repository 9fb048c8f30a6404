/**
 * A student's work on one assignment, as the assignment page keeps it in the browser: their name,
 * student ID, when they started, and the results of each exercise's last Check. (The code itself is
 * kept by the exercise editor under `assignmentEditKey`.) Environment-free: the page passes storage.
 */
import type { Results } from '../checker/judge.ts';
import type { Assignment } from './assignment-link.ts';
import { normalizeCode } from './fingerprint.ts';
import {
  createSubmission,
  type ClaimedResults,
  type Submission,
  type SubmittedExercise,
} from './submission.ts';

export interface AssignmentWork {
  name: string;
  studentId: string;
  startedAt: string | null;
  /** Each exercise's last Check: its results, when, and a hash of the code it checked (codeHash). */
  checked: Record<string, { results: ClaimedResults; checkedAt: string; codeHash?: string }>;
}

/**
 * A short hash of code after normalizeCode (FNV-1a, 32 bits): enough to tell "changed since the last
 * Check" in the student's own browser; nothing trusts it.
 */
export function codeHash(code: string): string {
  let hash = 0x811c9dc5;
  for (const char of normalizeCode(code)) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** What is worth a warning before download: exercises left as the starter, or never checked as they are. */
export interface UncheckedWork {
  /** Exercises whose code is the starter, unchanged (the grader flags them "not attempted"). */
  unchanged: string[];
  /** Exercises changed but not checked since the last change (or never checked). */
  unchecked: string[];
}

export function uncheckedWork(
  work: AssignmentWork,
  exercises: readonly { id: string; code: string; starter: string }[],
): UncheckedWork {
  const unchanged: string[] = [];
  const unchecked: string[] = [];
  for (const { id, code, starter } of exercises) {
    if (normalizeCode(code) === normalizeCode(starter)) {
      unchanged.push(id);
      continue;
    }
    const checked = work.checked[id];
    // Work saved before codeHash existed counts as checked: it cannot be told apart.
    if (!checked || (checked.codeHash !== undefined && checked.codeHash !== codeHash(code)))
      unchecked.push(id);
  }
  return { unchanged, unchecked };
}

export function assignmentWorkKey(assignmentId: string): string {
  return `assignment-work:${assignmentId}`;
}

export function emptyWork(): AssignmentWork {
  return { name: '', studentId: '', startedAt: null, checked: {} };
}

/** Saved work, or empty work when there is none or it is unreadable (never throws). */
export function parseWork(text: string | null): AssignmentWork {
  if (!text) return emptyWork();
  try {
    const data = JSON.parse(text) as Partial<AssignmentWork>;
    return {
      name: typeof data.name === 'string' ? data.name : '',
      studentId: typeof data.studentId === 'string' ? data.studentId : '',
      startedAt: typeof data.startedAt === 'string' ? data.startedAt : null,
      checked: typeof data.checked === 'object' && data.checked ? data.checked : {},
    };
  } catch {
    return emptyWork();
  }
}

/** Only what the grader reads of a Check's results: the checks' code and network rows stay out. */
export function claimedResults(results: Results): ClaimedResults {
  return {
    status: results.status,
    score: results.score,
    maxScore: results.maxScore,
    tests: results.tests.map(({ name, status, points, maxPoints }) => ({
      name,
      status,
      points,
      maxPoints,
    })),
  };
}

const UNITS: [string, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "2 days 3 hours", "5 minutes", "less than a minute": the two largest units. */
export function duration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.abs(ms);
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
    else if (parts.length > 0) break;
  }
  return parts.length ? parts.join(' ') : 'less than a minute';
}

/** What the page says about the due time, from `now`. */
export function timeLeftText(due: string, now: number): { late: boolean; text: string } {
  const left = Date.parse(due) - now;
  if (left > 0) return { late: false, text: `${duration(left)} left.` };
  return {
    late: true,
    text: `Late: the due time passed ${duration(left)} ago. You can still hand in your work; it will be marked late.`,
  };
}

/** What is missing before a submission can be downloaded, or null. */
export function submissionProblem(work: AssignmentWork): string | null {
  return work.name.trim() ? null : 'Type your name first: your teacher grades the file by it.';
}

/** The submission file for the work as it stands (`codes`: each assigned exercise's code). */
export function buildSubmission(
  assignment: Assignment,
  work: AssignmentWork,
  codes: ReadonlyMap<string, string>,
  options: { now: Date; siteVersion: string },
): Submission {
  const exercises: SubmittedExercise[] = assignment.exercises.map(({ id }) => {
    const checked = work.checked[id];
    return {
      id,
      code: codes.get(id) ?? '',
      results: checked?.results ?? null,
      checkedAt: checked?.checkedAt ?? null,
    };
  });
  return createSubmission({
    assignment,
    student: { name: work.name, ...(work.studentId.trim() ? { id: work.studentId } : {}) },
    exercises,
    startedAt: work.startedAt,
    submittedAt: options.now.toISOString(),
    siteVersion: options.siteVersion,
  });
}

/** A file name from the assignment and the student: `week-3-ada-lovelace.json`. */
export function submissionFileName(assignment: Assignment, work: AssignmentWork): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 40);
  return `${[slug(assignment.title), slug(work.name)].filter(Boolean).join('-') || 'submission'}.json`;
}
