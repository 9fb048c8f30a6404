import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { exerciseSchema } from './schemas/exercise';
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

/** `lessons/<lesson>/exercises/<id>/exercise.mdx`: the entry's id is its folder name. */
const exercises = defineCollection({
  loader: glob({
    base: './lessons',
    pattern: '*/exercises/*/exercise.mdx',
    generateId: ({ entry }) => entry.split('/')[2] ?? entry,
  }),
  schema: exerciseSchema,
});

export const collections = { lessons, exercises };
