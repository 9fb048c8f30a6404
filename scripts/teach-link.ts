/**
 * `npm run teach:link -- --title "Week 3" --due 2026-12-01T23:59 [--time-zone Europe/Berlin]
 * [--instructions "…"] [--site https://course.example/] <exercise-id[:points]>…` prints an assignment
 * link, the same one the Assign page makes (for the CLI, Gradescope and GitHub Classroom recipes).
 * Exit code: 0 printed, 2 usage error or unknown exercise.
 */
import { parseArgs } from 'node:util';
import { assignmentUrl } from '../src/teach/assignment-link.ts';
import { buildAssignment } from '../src/teach/build-assignment.ts';
import { catalogById } from '../src/teach/catalog.ts';
import { loadCatalog } from '../src/teach/node/exercise-catalog.ts';

const USAGE =
  'Usage: npm run teach:link -- --title "<title>" --due 2026-12-01T23:59 [--time-zone <IANA zone>] [--instructions "<text>"] [--site <url>] <exercise-id[:points]>…';

async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        due: { type: 'string' },
        'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone },
        instructions: { type: 'string' },
        site: { type: 'string', default: 'http://127.0.0.1:4321/' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (!values.title || !values.due || positionals.length === 0) {
    console.error(USAGE);
    return 2;
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
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
