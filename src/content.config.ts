import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson';
import { lessonSlug } from './lib/lesson-slug';

const lessons = defineCollection({
  loader: glob({
    base: './lessons',
    pattern: '*/index.mdx',
    generateId: ({ entry }) => lessonSlug(entry),
  }),
  schema: lessonSchema,
});

export const collections = { lessons };
