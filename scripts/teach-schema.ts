/** `npm run teach:schema` writes src/teach/submission.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { submissionJsonSchema } from '../src/teach/submission-json-schema.ts';

const file = new URL('../src/teach/submission.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(submissionJsonSchema(), null, 2)}\n`);
console.log(`Wrote ${file.pathname}`);
