/**
 * The grading engine's judge in Node: one Runner (node-host.ts: a child process per run under Node's
 * permission model) per lane, so lanes never share a sandbox. Call `dispose()` when grading ends.
 */
import { availableParallelism } from 'node:os';
import { judge } from '../../checker/judge.ts';
import { createListingStore } from '../../checker/node/listing-store.ts';
import type { Runner } from '../../runner/runner.ts';
import { createNodeRunner } from '../../runner/node/node-host.ts';
import type { JudgeExercise } from '../grade-submissions.ts';

export interface NodeJudge {
  judge: JudgeExercise;
  dispose(): void;
}

/**
 * `timeLimitMs`: real milliseconds per check, as in the page. @default judge's default (5000)
 * `lanes`: how many exercises will be judged at once. Each lane's runner keeps a share of the cores
 * booting sandboxes ahead, so one exercise graded alone (a GitHub Classroom step) boots one per core,
 * as check-exercise does. @default 2
 */
export function createNodeJudge({
  timeLimitMs,
  lanes = 2,
}: { timeLimitMs?: number; lanes?: number } = {}): NodeJudge {
  const spares = Math.max(1, Math.round(availableParallelism() / Math.max(1, lanes)));
  const runners = new Map<number, Runner>();
  const listingStore = createListingStore();
  return {
    judge: (code, exercise, { signal, lane, last }) => {
      let runner = runners.get(lane);
      if (!runner) {
        runner = createNodeRunner({ spares });
        runners.set(lane, runner);
      }
      return judge(runner, code, {
        exercise: exercise.id,
        checksJs: exercise.checksJs,
        signal,
        listingStore,
        lastUseOfRunner: last,
        ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
      });
    },
    dispose() {
      for (const runner of runners.values()) runner.dispose();
      runners.clear();
    },
  };
}
