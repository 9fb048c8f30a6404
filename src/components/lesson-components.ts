import CodePair from './CodePair.astro';
import Exercise from './Exercise.astro';
import LiveExample from './LiveExample.astro';

/** Components every lesson can use in MDX without importing them. */
export const lessonComponents = { CodePair, Exercise, LiveExample };
