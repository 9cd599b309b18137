/**
 * Writes every output file (report.json, report.html, the configuration, the
 * declaration, junit.xml, the screenshots) into the output directory.
 * @packageDocumentation
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanResult } from '../scan.js';
import { PHASES } from '../types.js';
import { buildConfig } from './config.js';
import { declarationHtml, declarationMarkdown } from './declaration.js';
import { buildInventory } from './inventory.js';
import { junitXml } from './junit.js';
import { reportHtml } from './report-html.js';

/** Writes the outputs of `result` into `dir` (created if needed); resolves the file names written. */
export async function writeOutputs(result: ScanResult, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const inventory = buildInventory(result);
  const files: Array<[string, string | Buffer]> = [
    ['report.json', `${JSON.stringify(result.report, null, 2)}\n`],
    ['consent-gate.config.json', `${JSON.stringify(buildConfig(inventory, result.declaration?.cookieName), null, 2)}\n`],
    ['report.html', reportHtml(result)],
    ['declaration.md', declarationMarkdown(inventory, result.report.url)],
    ['declaration.html', declarationHtml(inventory, result.report.url)],
    ['junit.xml', junitXml(result.report)],
  ];
  for (const phase of PHASES) {
    const shot = result.screenshots[phase];
    if (shot) files.push([`screenshot-${phase}.jpg`, shot]);
  }
  for (const [name, content] of files) await writeFile(join(dir, name), content);
  return files.map(([name]) => name);
}
