/** `npm run teach:schema` writes src/teach/submission.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { submissionJsonSchema } from '../../src/teach/submission-json-schema.ts';
import { defineCli, parseCliOrExit } from './cli-args.ts';

parseCliOrExit(
  defineCli({
    name: 'teach:schema',
    usage: '',
    summary:
      'Writes src/teach/submission.schema.json from the zod schema in src/teach/submission.ts (a unit test keeps the two equal).',
    options: {},
  }),
);
const file = new URL('../../src/teach/submission.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${file.pathname}`);
