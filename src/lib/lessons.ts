import { getCollection, type CollectionEntry } from 'astro:content';

export type LessonEntry = CollectionEntry<'lessons'>;

/** Published lessons in course order. Fails the build if two lessons claim the same order. */
export async function getLessons(): Promise<LessonEntry[]> {
  const lessons = await getCollection(
    'lessons',
    (entry) => import.meta.env.DEV || !entry.data.draft,
  );
  lessons.sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < lessons.length; i++) {
    const [previous, current] = [lessons[i - 1]!, lessons[i]!];
    if (previous.data.order === current.data.order) {
      throw new Error(
        `Lessons "${previous.id}" and "${current.id}" both have order ${current.data.order}. ` +
          'Give each lesson a different `order` in its frontmatter.',
      );
    }
  }
  return lessons;
}

export function lessonUrl(lesson: LessonEntry): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/lessons/${lesson.id}/`;
}

/**
 * The number a reader sees: the lesson's position in the course. `order` only sorts, so a lesson can
 * be added between two others without renumbering the rest.
 */
export function lessonNumber(lessons: readonly LessonEntry[], lesson: LessonEntry): number {
  return lessons.findIndex((entry) => entry.id === lesson.id) + 1;
}
