/**
 * Reads lessons/<folder>/index.mdx and pulls out what the lesson check verifies: runnable TypeScript
 * examples, Python snippets (inside `<Fragment slot="python">`), their expected outputs and the
 * internal links. A small line scanner rather than a full MDX parse: the lesson format is ours and
 * this keeps every error tied to a line number an author can jump to.
 *
 * Authoring rules it enforces (see also check-lessons-compare.ts for the `…` wildcard):
 * - ```ts run title="Unique title" [scenario="slow"] [timeout=15000]``` is a runnable example; the
 *   next ```text output``` fence outside a Python slot is its expected output (required).
 * - A ```python``` fence inside `<Fragment slot="python">` runs with python3 + requests against the
 *   local mock server; a ```text output``` fence after it in the same slot is its expected output
 *   (optional). `norun` in the meta skips a fragment that cannot run on its own.
 * - ```ts helpers id="x" title="..."``` is a helpers block; a later runnable example with `uses="x"`
 *   runs with its code first (src/lib/example-helpers.ts, as the build composes it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { lessonSlug } from '../../src/lib/lesson-slug.ts';
import { DEFAULT_TIME_LIMIT_MS } from '../../src/runner/runner.ts';
import { composeExample, resolveHelpers, type HelperBlock } from '../../src/lib/example-helpers.ts';
import {
  isHelperBlockMeta,
  parseFenceMeta,
  readExampleOptions,
  readHelperBlockOptions,
} from '../../src/schemas/example.ts';

export interface LessonExample {
  /** `ts` runs in Node through msw/node, `python` with python3 against the real local server. */
  kind: 'ts' | 'python';
  /** The lesson's folder name, e.g. `02-timeouts`. */
  lesson: string;
  /** The `title` meta, or for Python the file title / a line-based name. */
  title: string;
  code: string;
  /** 1-based line of the opening fence in index.mdx. */
  line: number;
  expected: string | null;
  scenario: string;
  /** Time limit in ms (`timeout=` meta), as in the browser runner. */
  timeout: number;
  norun: boolean;
}

export interface LessonLink {
  href: string;
  line: number;
}

export interface LessonSource {
  folder: string;
  slug: string;
  file: string;
  frontmatter: Record<string, unknown>;
  examples: LessonExample[];
  links: LessonLink[];
  /** Heading texts (## and deeper) in document order, for anchor checks. */
  headings: string[];
  /** Every code fence outside Python slots: language, whether it is runnable, line. */
  fences: { lang: string; run: boolean; line: number }[];
  /** Authoring mistakes found while scanning (missing output, duplicate titles, ...). */
  problems: string[];
}

/** Time limit of a runnable example when the fence gives none: the runner's own default. */
export const DEFAULT_TIMEOUT_MS = DEFAULT_TIME_LIMIT_MS;

export const lessonsRoot = join(import.meta.dirname, '..', '..', 'lessons');

export function lessonFolders(root = lessonsRoot): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export function readLesson(folder: string, root = lessonsRoot): LessonSource {
  const file = join(root, folder, 'index.mdx');
  return parseLesson(folder, readFileSync(file, 'utf8'), file);
}

/** The one fence-meta parser, shared with the build (src/schemas/example.ts). */
export const parseMeta = parseFenceMeta;

export function parseLesson(folder: string, text: string, file = folder): LessonSource {
  const lines = text.split('\n');
  const lesson: LessonSource = {
    folder,
    slug: lessonSlug(folder),
    file,
    frontmatter: {},
    examples: [],
    links: [],
    headings: [],
    fences: [],
    problems: [],
  };
  let index = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    lesson.frontmatter = (parseYaml(lines.slice(1, end).join('\n')) ?? {}) as Record<
      string,
      unknown
    >;
    index = end + 1;
  }

  let inPythonSlot = false;
  let lastTs: LessonExample | null = null;
  let lastPython: LessonExample | null = null;
  const titles = new Set<string>();
  const helpers = new Map<string, HelperBlock>();

  for (; index < lines.length; index += 1) {
    const line = lines[index]!;
    const lineNumber = index + 1;
    if (/<Fragment\s+slot="python"\s*>/.test(line)) inPythonSlot = true;
    if (/<\/Fragment>/.test(line)) {
      inPythonSlot = false;
      lastPython = null;
    }
    const heading = /^#{2,6}\s+(.*)$/.exec(line);
    if (heading) lesson.headings.push(heading[1]!.trim());

    const fence = /^\s*(`{3,})(\S*)\s*(.*)$/.exec(line);
    if (!fence) {
      collectLinks(line, lineNumber, lesson.links);
      continue;
    }
    const [, ticks, lang, metaText] = fence;
    const body: string[] = [];
    index += 1;
    while (index < lines.length && lines[index]!.trim() !== ticks) {
      body.push(lines[index]!);
      index += 1;
    }
    if (index >= lines.length) {
      lesson.problems.push(`line ${lineNumber}: code fence is never closed`);
      break;
    }
    const meta = parseMeta(metaText ?? '');
    const code = body.join('\n');
    if (!inPythonSlot && lang !== 'text') {
      lesson.fences.push({ lang: lang ?? '', run: meta.run === true, line: lineNumber });
    }

    if (lang === 'text' && meta.output) {
      const owner = inPythonSlot ? lastPython : lastTs;
      if (!owner) {
        lesson.problems.push(
          `line ${lineNumber}: a \`text output\` fence with no runnable example before it`,
        );
      } else if (owner.expected !== null) {
        lesson.problems.push(
          `line ${lineNumber}: "${owner.title}" already has an expected output (line ${owner.line})`,
        );
      } else owner.expected = code;
      continue;
    }

    if ((lang === 'ts' || lang === 'typescript') && isHelperBlockMeta(metaText) && !inPythonSlot) {
      try {
        const options = readHelperBlockOptions(metaText ?? '', `line ${lineNumber}`);
        if (helpers.has(options.id)) {
          lesson.problems.push(
            `line ${lineNumber}: a helpers block with id "${options.id}" is already above`,
          );
        }
        helpers.set(options.id, { id: options.id, title: options.title, code });
      } catch (error) {
        lesson.problems.push((error as Error).message);
      }
      continue;
    }

    if ((lang === 'ts' || lang === 'typescript') && meta.run && !inPythonSlot) {
      let runs = code;
      try {
        const options = readExampleOptions(metaText ?? '', `line ${lineNumber}`);
        runs = composeExample(code, resolveHelpers(options.uses, helpers, `line ${lineNumber}`));
      } catch (error) {
        lesson.problems.push((error as Error).message);
      }
      const title = typeof meta.title === 'string' ? meta.title : '';
      if (!title) lesson.problems.push(`line ${lineNumber}: runnable example has no title="..."`);
      if (titles.has(title)) {
        lesson.problems.push(`line ${lineNumber}: another example is already titled "${title}"`);
      }
      titles.add(title);
      if (lastTs && lastTs.expected === null) {
        lesson.problems.push(
          `line ${lastTs.line}: "${lastTs.title}" has no \`\`\`text output\`\`\` fence after it`,
        );
      }
      lastTs = example('ts', title, runs, lineNumber, meta, folder);
      lesson.examples.push(lastTs);
      continue;
    }

    if (lang === 'python' && inPythonSlot) {
      const title =
        typeof meta.title === 'string'
          ? `${meta.title} (line ${lineNumber})`
          : `line ${lineNumber}`;
      lastPython = example('python', title, code, lineNumber, meta, folder);
      lesson.examples.push(lastPython);
    }
  }
  if (lastTs && lastTs.expected === null) {
    lesson.problems.push(
      `line ${lastTs.line}: "${lastTs.title}" has no \`\`\`text output\`\`\` fence after it`,
    );
  }
  return lesson;
}

function example(
  kind: LessonExample['kind'],
  title: string,
  code: string,
  line: number,
  meta: Record<string, string | true>,
  lesson: string,
): LessonExample {
  const timeout = typeof meta.timeout === 'string' ? Number(meta.timeout) : DEFAULT_TIMEOUT_MS;
  return {
    kind,
    lesson,
    title,
    code,
    line,
    expected: null,
    scenario: typeof meta.scenario === 'string' ? meta.scenario : 'normal',
    timeout: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    norun: meta.norun === true,
  };
}

/** Root-relative links in Markdown (`](/x)`) and in JSX/HTML attributes (`href="/x"`). */
function collectLinks(line: string, lineNumber: number, links: LessonLink[]): void {
  const withoutInlineCode = line.replace(/`[^`]*`/g, '');
  for (const match of withoutInlineCode.matchAll(/\]\((\/[^)\s]*)\)|href="(\/[^"]*)"/g)) {
    links.push({ href: (match[1] ?? match[2])!, line: lineNumber });
  }
}
