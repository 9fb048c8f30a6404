import CodePair from './CodePair.astro';

/** Components every lesson can use in MDX without importing them. */
export const lessonComponents = { CodePair };
