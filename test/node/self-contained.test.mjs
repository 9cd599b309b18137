// The repository stands on its own: a fresh clone has everything a reader is
// sent to. No tracked file names a contract or a path outside the repository,
// and every relative Markdown link leads to a tracked file (and its #anchor to
// a heading of that file, by GitHub's rules).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every tracked file, as repository-relative paths with `/`. */
const TRACKED = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
const TRACKED_SET = new Set(TRACKED);
/** Every directory that holds a tracked file (a link may name a folder, e.g. `examples`). */
const TRACKED_DIRS = new Set(
  TRACKED.flatMap((file) =>
    file
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);

/** The text of every tracked file that is text (a NUL byte marks a binary file, e.g. a PNG). */
function trackedTexts() {
  return TRACKED.flatMap((file) => {
    const buffer = readFileSync(posix.join(ROOT, file));
    return buffer.includes(0) ? [] : [{ file, text: buffer.toString('utf8') }];
  });
}

// Built from pieces, so that this file does not match its own rules.
const CONTRACT = 'SP' + 'EC';
const FORBIDDEN = [
  {
    pattern: new RegExp(`\\b${CONTRACT}\\b(?:\\.md| ?§ ?\\d+(?:\\.\\d+)*)?`),
    why: 'names a contract outside the repository: say what it means, or link docs/reference.md',
  },
  { pattern: new RegExp(`/work/${'shared'}\\S*`), why: 'a path on the development machine' },
];

/** 1-based line of `index` in `text`. */
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/**
 * A relative path that climbs (`..`) into a folder named `shared` must land
 * inside the repository on a tracked path: `examples/shared/` is one (the
 * examples import their common config from it), the folder beside the
 * repository is not.
 */
function sharedPathProblems(file, text) {
  const problems = [];
  for (const match of text.matchAll(/(?:\.\.\/)+shared\b[\w./-]*/g)) {
    const target = posix.normalize(posix.join(posix.dirname(file), match[0])).replace(/\/$/, '');
    const inside = !target.startsWith('..') && (TRACKED_DIRS.has(target) || TRACKED.some((f) => f.startsWith(`${target}.`)));
    if (!inside) problems.push(`${file}:${lineOf(text, match.index)}: "${match[0]}" points outside the repository`);
  }
  return problems;
}

/** Markdown with fenced code blocks blanked (same line count), so that `# comment` or `a[0](b)` in code is no heading or link. */
function withoutFences(markdown) {
  let fence = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
        return '';
      }
      if (marker) {
        fence = marker;
        return '';
      }
      return line;
    })
    .join('\n');
}

/** A code span's content, or the text a reader sees of a link, image or tag: what GitHub makes a heading's anchor from. */
function headingText(raw) {
  return raw
    .replace(/(`+)(.+?)\1/g, (_, __, code) => code.replace(/[<>]/g, ''))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '');
}

/**
 * GitHub's anchor of a heading (github-slugger): lower case; every character
 * that is not a letter, mark, digit, `_`, `-` or space dropped; each space a `-`.
 */
export function githubSlug(heading) {
  return headingText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file: its headings (repeats numbered `-1`, `-2`, … as GitHub does) and explicit `id`/`name` attributes. */
export function anchorsOf(markdown) {
  const anchors = new Set();
  const counts = new Map();
  const text = withoutFences(markdown);
  for (const [, heading] of text.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm)) {
    const slug = githubSlug(heading);
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen ? `${slug}-${seen}` : slug);
  }
  for (const [, id] of text.matchAll(/<[a-z][^>]*\s(?:id|name)="([^"]+)"/gi)) anchors.add(id);
  return anchors;
}

/** Every link target of a Markdown file outside code: inline links and images, reference definitions, HTML `href`/`src`. */
export function linksOf(markdown) {
  const text = withoutFences(markdown).replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
  const links = [];
  const add = (target, index) => links.push({ target, line: lineOf(text, index) });
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) add(match[1], match.index);
  for (const match of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm)) add(match[1], match.index);
  for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) add(match[1], match.index);
  return links;
}

/** What is wrong with one link of `file`, or `''`. Links with a scheme (`https:`, `mailto:`) are not this test's business. */
function linkProblem(file, target, anchorsByFile) {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(target)) return '';
  const [rawPath, anchor] = target.split('#', 2);
  const path = decodeURIComponent(rawPath);
  const resolved =
    path === '' ? file : posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(file), path)).replace(/\/$/, '');
  if (resolved.startsWith('..')) return `"${target}" points outside the repository`;
  if (!TRACKED_SET.has(resolved) && !TRACKED_DIRS.has(resolved)) return `"${target}": ${resolved} is not a tracked file or folder`;
  if (anchor === undefined || !resolved.endsWith('.md')) return '';
  return anchorsByFile(resolved).has(decodeURIComponent(anchor))
    ? ''
    : `"${target}": ${resolved} has no heading with the anchor #${anchor}`;
}

describe('the repository stands on its own', () => {
  const texts = trackedTexts();

  it('no tracked file names the old outside contract, a development-machine path or a shared folder beside the repository', () => {
    const problems = [];
    for (const { file, text } of texts) {
      for (const { pattern, why } of FORBIDDEN) {
        for (const match of text.matchAll(new RegExp(pattern, 'g')))
          problems.push(`${file}:${lineOf(text, match.index)}: "${match[0]}" ${why}`);
      }
      problems.push(...sharedPathProblems(file, text));
    }
    assert.ok(!problems.length, `${problems.length} reference(s) outside the repository:\n${problems.join('\n')}`);
  });

  it('every relative link in a tracked Markdown file leads to a tracked file, and its #anchor to a heading', () => {
    const cache = new Map();
    const anchorsByFile = (file) => {
      if (!cache.has(file)) cache.set(file, anchorsOf(readFileSync(posix.join(ROOT, file), 'utf8')));
      return cache.get(file);
    };
    const problems = [];
    for (const { file, text } of texts.filter(({ file }) => file.endsWith('.md'))) {
      for (const { target, line } of linksOf(text)) {
        const problem = linkProblem(file, target, anchorsByFile);
        if (problem) problems.push(`${file}:${line}: ${problem}`);
      }
    }
    assert.ok(!problems.length, `${problems.length} broken link(s):\n${problems.join('\n')}`);
  });
});

describe('GitHub heading anchors', () => {
  it('lower-cases, drops punctuation and symbols, and turns each space into a hyphen', () => {
    assert.equal(githubSlug('Quick start'), 'quick-start');
    assert.equal(githubSlug('8.1 The query API'), '81-the-query-api');
    assert.equal(githubSlug('`<consent-banner>` and `::part()`'), 'consent-banner-and-part');
    assert.equal(githubSlug('React: `consent-gate/react`'), 'react-consent-gatereact');
    assert.equal(
      githubSlug('Server-side rendering (Next.js, Nuxt, SvelteKit, Astro, …)'),
      'server-side-rendering-nextjs-nuxt-sveltekit-astro-',
    );
    assert.equal(githubSlug('`cg_consent` — the consent cookie'), 'cg_consent--the-consent-cookie');
    assert.equal(githubSlug('See [the docs](docs/x.md)'), 'see-the-docs');
  });

  it('numbers repeated headings and ignores headings inside code blocks', () => {
    const anchors = anchorsOf('# A\n\n```sh\n# not a heading\n```\n\n## A\n\n<a id="custom"></a>\n');
    assert.deepEqual([...anchors].sort(), ['a', 'a-1', 'custom']);
  });

  it('finds links outside code only', () => {
    const links = linksOf('[a](b.md#c) `[x](y)`\n\n```\n[p](q)\n```\n[ref]: r.md\n<img src="s.png">');
    assert.deepEqual(
      links.map((link) => link.target),
      ['b.md#c', 'r.md', 's.png'],
    );
  });
});
