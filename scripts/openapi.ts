/** `npm run openapi`: writes docs/openapi.json from the route table and its zod schemas. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { routes } from '../functions/routes.ts';
import { openApiDocument } from '../shared/http/openapi.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run openapi — writes docs/openapi.json from the route table (functions/routes.ts) and its zod schemas.
Never edit the file by hand: a test fails when it is stale.
`);

const file = resolve(import.meta.dirname, '..', 'docs', 'openapi.json');
writeFileSync(file, `${JSON.stringify(openApiDocument(routes), null, 2)}\n`);
console.log(`wrote ${file}`);
