import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuredBuild, neverRun } from '../../bench/bundle-size.ts';
import { bundleFunction, leftOutMessage } from '../../infra/bundle.ts';
import { repoRoot } from '../../infra/paths.ts';
import { NewOrder } from '../../shared/schemas/order.ts';

/**
 * A function's bundle as infra deploys it (infra/bundle.ts) loads and answers, and zod in it validates as in the
 * source, without its JSON-schema conversion.
 */
let dir: string;

/** Runs `script` as an ES module in `dir`, where `@aws-sdk/*` comes from node_modules as on Lambda from the runtime. */
function run(script: string) {
  writeFileSync(join(dir, 'run.mjs'), script);
  const result = spawnSync(process.execPath, ['--enable-source-maps', 'run.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await bundleFunction('functions/operations/health.ts', join(dir, 'health'));
  await bundleFunction('shared/schemas/order.ts', join(dir, 'order'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const invalidOrder = { poNumber: ' ', channel: 'pigeon', lines: [{ productCode: 'X', quantity: -1 }], extra: 1 };

describe("a function's bundle", () => {
  it('is the module and its source map', () => {
    expect(readdirSync(join(dir, 'health')).sort()).toEqual(['index.mjs', 'index.mjs.map']);
  });

  it('loads and answers: GET /health', () => {
    const answer = run(`
const { handler } = await import('./health/index.mjs');
const event = { version: '2.0', routeKey: 'GET /health', rawPath: '/health', rawQueryString: '', headers: {},
  requestContext: { http: { method: 'GET', path: '/health' }, requestId: 'r1' }, isBase64Encoded: false };
const context = { functionName: 'getHealth', awsRequestId: 'r1', getRemainingTimeInMillis: () => 3000 };
console.log(JSON.stringify(await handler(event, context)));
`);
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
  });

  it('validates with zod as the source does, also through Standard Schema: the same issues for the same input', () => {
    const bundled = run(`
const { NewOrder } = await import('./order/index.mjs');
const input = ${JSON.stringify(invalidOrder)};
console.log(JSON.stringify({ parsed: NewOrder.safeParse(input).error.issues, standard: NewOrder['~standard'].validate(input).issues }));
`);
    const source = NewOrder.safeParse(invalidOrder).error?.issues;
    expect(source?.length).toBeGreaterThan(3);
    expect(bundled.parsed).toEqual(JSON.parse(JSON.stringify(source)));
    expect(bundled.standard).toEqual(JSON.parse(JSON.stringify(source)));
  });

  it('holds no zod JSON-schema conversion: asked for one, it throws, naming what is left out and why', () => {
    const thrown = run(`
const { NewOrder } = await import('./order/index.mjs');
const attempts = [() => NewOrder.toJSONSchema(), () => NewOrder['~standard'].jsonSchema.input({ target: 'draft-2020-12' })];
console.log(JSON.stringify(attempts.map((attempt) => { try { attempt(); return 'converted'; } catch (error) { return error.message; } })));
`);
    expect(thrown).toEqual([
      `zod's createToJSONSchemaMethod ${leftOutMessage}`,
      `zod's createStandardJSONSchemaMethod ${leftOutMessage}`,
    ]);
  });

  it("has no input of zod's JSON-schema modules, but their stand-ins (the bench's neverRun finds none)", async () => {
    const { metafile } = await build({ ...measuredBuild('shared/schemas/order.ts'), outfile: 'out.mjs', write: false });
    const inputs = Object.keys(metafile.inputs);
    const zodJsonSchema = neverRun.find((kind) => kind.name === "zod's JSON-schema conversion")?.inputs;
    expect(zodJsonSchema).toBeDefined();
    expect(inputs.filter((input) => zodJsonSchema?.test(input))).toEqual([]);
    expect(inputs).toEqual(
      expect.arrayContaining([
        'zod-json-schema-left-out:node_modules/zod/v4/core/to-json-schema.js',
        'zod-json-schema-left-out:node_modules/zod/v4/core/json-schema-processors.js',
      ]),
    );
  });
});
