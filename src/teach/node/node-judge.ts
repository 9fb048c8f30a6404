/**
 * The grading engine's judge in Node: one Runner (node-host.ts: a child process per run under Node's
 * permission model) per lane, so lanes never share a sandbox. Call `dispose()` when grading ends.
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

/** `timeLimitMs`: real milliseconds per check, as in the page. @default judge's default (5000) */
export function createNodeJudge({ timeLimitMs }: { timeLimitMs?: number } = {}): NodeJudge {
  const runners = new Map<number, Runner>();
  const listingStore = createListingStore();
  return {
    judge: (code, exercise, { signal, lane }) => {
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
        ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
      });
    },
    dispose() {
      for (const runner of runners.values()) runner.dispose();
      runners.clear();
    },
  };
}
