/** A shared document: the resource that lesson 13's conditional requests read and update. */
export interface Document {
  id: number;
  title: string;
  body: string;
  tags: string[];
  /** When it last changed (ISO 8601, whole seconds): the same instant as its Last-Modified. */
  updated_at: string;
}

/** The documents every run starts with; a run's PUTs change its own copies only. */
export const seedDocuments: readonly Document[] = [
  {
    id: 1,
    title: 'Release checklist',
    body: 'Tag the release, publish the notes, tell support.',
    tags: ['release'],
    updated_at: '2025-11-03T09:30:00Z',
  },
  {
    id: 2,
    title: 'On-call handbook',
    body: 'Page the secondary after 15 minutes without an answer.',
    tags: ['ops', 'on-call'],
    updated_at: '2025-11-17T14:05:00Z',
  },
  {
    id: 3,
    title: 'Team lunch',
    body: 'Thursday at noon, the usual place.',
    tags: [],
    updated_at: '2025-12-01T08:00:00Z',
  },
];
