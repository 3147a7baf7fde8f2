/** `npm run workflows`: writes state-machines/<name>.asl.json from the declarations in state-machines/<name>.ts. */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aslFile, aslText, workflows } from '../state-machines/index.ts';
import { answerHelp } from './help.ts';

answerHelp(`
npm run workflows — writes state-machines/<name>.asl.json from the declarations in state-machines/<name>.ts
(and removes the ASL of a workflow no longer declared). Never edit the ASL by hand.
`);

const directory = resolve(import.meta.dirname, '..', 'state-machines');
const wanted = new Set(workflows.map((workflow) => aslFile(workflow.name)));
for (const file of readdirSync(directory).filter((f) => f.endsWith('.asl.json') && !wanted.has(f))) {
  rmSync(resolve(directory, file));
  console.log(`removed ${file} (no declaration)`);
}
for (const workflow of workflows) {
  writeFileSync(resolve(directory, aslFile(workflow.name)), aslText(workflow));
  console.log(
    `wrote state-machines/${aslFile(workflow.name)} (${Object.keys(workflow.definition.States).length} states)`,
  );
}
