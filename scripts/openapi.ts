/** `npm run openapi`: writes docs/openapi.json from the route table and its zod schemas. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { routes } from '../functions/routes.ts';
import { openApiDocument } from '../shared/http/openapi.ts';

const file = resolve(import.meta.dirname, '..', 'docs', 'openapi.json');
writeFileSync(file, `${JSON.stringify(openApiDocument(routes), null, 2)}\n`);
console.log(`wrote ${file}`);
