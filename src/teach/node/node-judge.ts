/**
 * The grading engine's judge in Node: one Runner (node-host.ts: child processes under Node's
 * permission model) per lane. Each judgement (one student's code for one exercise) runs its checks
 * in a child of its own (judge.ts), so no two students, and no two exercises, share a sandbox. Call
 * `dispose()` when grading ends.
 */
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
 * Each lane's runner boots the next judgement's sandbox while the current one runs.
 */
export function createNodeJudge({ timeLimitMs }: { timeLimitMs?: number } = {}): NodeJudge {
  const runners = new Map<number, Runner>();
  const listingStore = createListingStore();
  return {
    judge: (code, exercise, { signal, lane, last }) => {
      let runner = runners.get(lane);
      if (!runner) {
        runner = createNodeRunner({ spares: 1 });
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
