/**
 * Adds the script-tag build to a document the way a site owner's page holds
 * it: the `#consent-gate-config` JSON block and the loader `<script>`. No
 * test-runner imports, so fixture pages can use it too.
 */
import type { ConsentGateConfig } from '../../src/index.ts';

/** The built script-tag files the test groups run on: the split build and its one-file form. */
export const SCRIPT_TAG_BUILDS: Record<string, string> = {
  dist: '/dist/consent-gate.min.js',
  standalone: '/dist/consent-gate.standalone.min.js',
};

/** Replaces the JSON block with `config`, appends the loader with `attributes`, and resolves once it ran. */
export function appendScriptTag(
  doc: Document,
  src: string,
  config: ConsentGateConfig,
  attributes: Record<string, string> = {},
): Promise<HTMLScriptElement> {
  doc.getElementById('consent-gate-config')?.remove();
  if (Object.keys(config).length) {
    const block = doc.createElement('script');
    block.type = 'application/json';
    block.id = 'consent-gate-config';
    block.textContent = JSON.stringify(config);
    doc.head.append(block);
  }
  const script = doc.createElement('script');
  script.src = src;
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  const loaded = new Promise<HTMLScriptElement>((resolve, reject) => {
    script.onload = () => resolve(script);
    script.onerror = () => reject(new Error(`${src} did not load: run npm run build`));
  });
  doc.head.append(script);
  return loaded;
}
