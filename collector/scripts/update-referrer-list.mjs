#!/usr/bin/env node
// Regenerates collector/data/referrers.json, the referrer list the collector
// names sources with, from Matomo's searchengine-and-social-list (CC0 1.0):
// its search engines, social networks and AI assistants, host names only
// (the keyword parameters and back links are Matomo's business, not ours).
// Also copies the list's LICENSE beside it.
//
//   node scripts/update-referrer-list.mjs DIR [COMMIT]  # DIR: a checkout (or export) of the list at COMMIT
//   node scripts/update-referrer-list.mjs --download     # its master branch, over HTTPS
//
// Then review `git diff collector/data`, run test/enrichment*.test.ts, and
// commit. What the list lacks or gets wrong for host-only matching lives in
// data/referrer-additions.json, which this script never touches.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

const REPOSITORY = 'https://github.com/matomo-org/searchengine-and-social-list';
const RAW = 'https://raw.githubusercontent.com/matomo-org/searchengine-and-social-list';
const DATA = new URL('../data/', import.meta.url);
const FILES = { search: 'SearchEngines.yml', social: 'Socials.yml', ai: 'AIAssistants.yml', license: 'LICENSE' };

const [argument, second] = process.argv.slice(2);
if (!argument || argument === '--help') {
  console.error('Usage: node scripts/update-referrer-list.mjs DIR [COMMIT] | --download [BRANCH]');
  process.exit(argument ? 0 : 2);
}

const { texts, commit } = argument === '--download' ? await download(second ?? 'master') : readCheckout(argument, second);
const list = {
  source: REPOSITORY,
  commit,
  license: 'CC0-1.0',
  ai: namedHosts(yaml.load(texts.ai)),
  social: namedHosts(yaml.load(texts.social)),
  search: namedHosts(searchEngineHosts(yaml.load(texts.search))),
};
writeFileSync(new URL('referrers.json', DATA), `${JSON.stringify(list, null, 1)}\n`);
writeFileSync(new URL('LICENSE-searchengine-and-social-list.txt', DATA), texts.license);
const count = (section) => Object.values(section).reduce((sum, hosts) => sum + hosts.length, 0);
console.log(
  `referrers.json: ${Object.keys(list.search).length} search engines (${count(list.search)} hosts), ` +
    `${Object.keys(list.social).length} social networks (${count(list.social)}), ` +
    `${Object.keys(list.ai).length} AI assistants (${count(list.ai)}), from ${commit}`,
);

function readCheckout(dir, commit) {
  const texts = Object.fromEntries(Object.entries(FILES).map(([key, file]) => [key, readFileSync(join(dir, file), 'utf8')]));
  if (commit) return { texts, commit };
  const head = existsSync(join(dir, '.git'))
    ? execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
    : 'unknown';
  return { texts, commit: head };
}

async function download(branch) {
  const entries = await Promise.all(
    Object.entries(FILES).map(async ([key, file]) => {
      const answer = await fetch(`${RAW}/${branch}/${file}`);
      if (!answer.ok) throw new Error(`${file}: HTTP ${answer.status}`);
      return [key, await answer.text()];
    }),
  );
  return { texts: Object.fromEntries(entries), commit: branch };
}

/** `{ name: [config with urls] }` of SearchEngines.yml as `{ name: [url] }`. */
function searchEngineHosts(engines) {
  return Object.fromEntries(Object.entries(engines).map(([name, configs]) => [name, configs.flatMap((config) => config.urls ?? [])]));
}

/**
 * `{ name: [url] }` with each url as the collector matches it: lower case,
 * without `www.`, without Android app links (`android-app//…`, whose package
 * names appear as plain entries too); `{}` placeholders (any country code or
 * top-level domain) and paths stay. Names and hosts sorted, so a diff shows
 * only what changed upstream.
 */
function namedHosts(section) {
  const out = {};
  for (const name of Object.keys(section).sort((a, b) => a.localeCompare(b, 'en'))) {
    const hosts = new Set();
    for (const url of section[name] ?? []) {
      const host = String(url)
        .trim()
        .toLowerCase()
        .replace(/^www\./, '');
      if (host && !host.startsWith('android-app')) hosts.add(host);
    }
    if (hosts.size > 0) out[name] = [...hosts].sort();
  }
  return out;
}
