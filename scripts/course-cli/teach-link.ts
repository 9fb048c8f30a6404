/**
 * `npm run teach:link -- --title "Week 3" --due 2026-12-01T23:59 [--time-zone Europe/Berlin]
 * [--instructions "…"] [--site https://course.example/] <exercise-id[:points]>…` prints an assignment
 * link, the same one the Assign page makes (for the CLI, Gradescope and GitHub Classroom recipes).
 * Exit code: 0 printed, 2 usage error or unknown exercise.
 */
import { assignmentUrl } from '../../src/teach/assignment-link.ts';
import { buildAssignment } from '../../src/teach/build-assignment.ts';
import { catalogById } from '../../src/teach/catalog.ts';
import { loadCatalog } from '../../src/teach/node/exercise-catalog.ts';
import { defineCli, parseCli, usageError } from './cli-args.ts';

const CLI = defineCli({
  name: 'teach:link',
  usage:
    '--title "<title>" --due 2026-12-01T23:59 [--time-zone <IANA zone>] [--instructions "<text>"] [--site <url>] <exercise-id[:points]>…',
  summary:
    'Prints an assignment link, the same one the Assign page makes, for the grade CLI, Gradescope and GitHub Classroom. Each exercise id may carry its points, e.g. fetch-user:10.',
  allowPositionals: true,
  options: {
    title: { type: 'string' },
    due: { type: 'string' },
    'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone },
    instructions: { type: 'string' },
    site: { type: 'string', default: 'http://127.0.0.1:4321/' },
  },
  optionHelp: {
    title: 'The assignment title students see (required).',
    due: 'Due date and time in the time zone below, e.g. 2026-12-01T23:59 (required).',
    'time-zone': `IANA time zone of --due (default this machine's, ${Intl.DateTimeFormat().resolvedOptions().timeZone}).`,
    instructions: 'Text shown to students above the exercises.',
    site: 'Where the course is served (default http://127.0.0.1:4321/).',
  },
  exitCodes: {
    0: 'printed',
    2: 'usage error or unknown exercise (the message says what to change)',
  },
});

async function main(args: string[]): Promise<number> {
  const parsed = parseCli(CLI, args);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed.args;
  if (!values.title) return usageError(CLI, 'Give the assignment a --title.');
  if (!values.due) return usageError(CLI, 'Give a --due date, e.g. --due 2026-12-01T23:59.');
  if (positionals.length === 0) {
    return usageError(CLI, 'Name at least one exercise id, e.g. fetch-user or fetch-user:10.');
  }
  try {
    const assignment = buildAssignment(
      {
        title: values.title,
        dueLocal: values.due,
        timeZone: values['time-zone'],
        ...(values.instructions ? { instructions: values.instructions } : {}),
        exercises: positionals.map((item) => {
          const [id, points] = item.split(':');
          return { id: id!, ...(points ? { points: Number(points) } : {}) };
        }),
      },
      catalogById(await loadCatalog()),
    );
    console.log(await assignmentUrl(values.site, assignment));
    return 0;
  } catch (error) {
    return usageError(CLI, (error as Error).message);
  }
}

process.exitCode = await main(process.argv.slice(2));
