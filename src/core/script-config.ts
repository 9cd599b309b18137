/**
 * Reads the configuration of the script-tag build: the `#consent-gate-config`
 * JSON block, overridden by `data-*` attributes of the loader `<script>`.
 * @packageDocumentation
 */
import type { ConsentGateConfig } from './config-types.js';
import { KNOWN_CATEGORIES, SWITCHES, type ConfigErrorReporter } from './config.js';

/** The id of the optional `<script type="application/json">` configuration block. */
export const CONFIG_BLOCK_ID = 'consent-gate-config';

const BOOLEAN_KEYS = Object.keys(SWITCHES);
const NUMBER_KEYS = ['revision', 'expiresDays'];

/**
 * Turns a loader script's `dataset` into configuration. Booleans accept
 * `true`/`false` (a bare attribute means `true`); numbers must be numeric;
 * `data-categories` is a comma-separated list of built-in category names.
 * Values that cannot be converted are passed through as strings so that
 * {@link resolveConfig} reports them with the key's name.
 */
export function configFromDataset(dataset: DOMStringMap, report: ConfigErrorReporter): ConsentGateConfig {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(dataset)) {
    if (value === undefined) continue;
    if (BOOLEAN_KEYS.includes(key)) {
      config[key] = value === '' || value === 'true' ? true : value === 'false' ? false : value;
    } else if (NUMBER_KEYS.includes(key)) {
      config[key] = /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    } else if (key === 'categories') {
      const categories: Record<string, true> = {};
      for (const name of value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (KNOWN_CATEGORIES[name]) categories[name] = true;
        else
          report(
            `consent-gate: invalid "categories": unknown category "${name}" in data-categories (known: ${Object.keys(KNOWN_CATEGORIES).join(', ')}); it is ignored.`,
          );
      }
      if (Object.keys(categories).length) config.categories = categories;
    } else {
      config[key] = value;
    }
  }
  return config as ConsentGateConfig;
}

/**
 * Parses the JSON configuration block, or returns `{}` when there is none, and
 * reports when it is malformed. Only a `<script type="application/json">`
 * with the id counts: never another element that has it (markup injected
 * into the page, a script of another type), which is reported and ignored.
 */
export function configFromJsonBlock(doc: Document, report: ConfigErrorReporter): ConsentGateConfig {
  const block = doc.querySelector(`script#${CONFIG_BLOCK_ID}[type="application/json" i]`);
  if (!block) {
    if (doc.getElementById(CONFIG_BLOCK_ID))
      report(`consent-gate: #${CONFIG_BLOCK_ID} must be a <script type="application/json">; it is ignored.`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(block.textContent ?? '');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as ConsentGateConfig;
  } catch {
    // reported below
  }
  report(`consent-gate: #${CONFIG_BLOCK_ID} must hold a JSON object; it is ignored.`);
  return {};
}

/**
 * The full configuration of a loader script: JSON block first, data attributes
 * on top, and the script's own CSP nonce unless one is configured.
 */
export function readScriptConfig(
  script: HTMLScriptElement | null,
  doc: Document,
  report: ConfigErrorReporter = (m) => console.error(m),
): ConsentGateConfig {
  const fromBlock = configFromJsonBlock(doc, report);
  const fromData = script ? configFromDataset(script.dataset, report) : {};
  const config: ConsentGateConfig = { ...fromBlock, ...fromData };
  if (config.nonce === undefined && script?.nonce) config.nonce = script.nonce;
  return config;
}
