// The size figures of the documentation, generated from the build so that
// they cannot drift. `npm run size` checks them; `npm run size -- --update-docs`
// rewrites them. Two kinds of marked region:
//
//   <!-- size-table -->
//   | file | what | raw | gzip | brotli | gzip budget |
//   |---|---|---:|---:|---:|---:|
//   | `dist/consent-gate.min.js` | script tag, first paint | … | … | … | … |
//   <!-- /size-table -->
//
// A row names its files by the `dist/…` code spans of its first cell (`*` is a
// chunk's content hash); one file gives its figures, a pattern matching several
// gives the range, and several spans give the sum. The columns named raw, gzip,
// brotli and gzip budget are generated; every other cell is prose, kept as written.
//
//   <!-- size gzip dist/consent-gate.standalone.min.js -->18.8 kB<!-- /size -->
//
// One figure in running text: the field, then the files (`+` adds them up); it
// keeps its unit, kB (one decimal) or B. Outside these regions the size
// documents write no figure in kB: a current size lives in a marked region.
import { readFileSync, writeFileSync } from 'node:fs';

/** The documents whose size figures are generated. */
export const SIZE_DOCS = ['README.md', 'docs/analytics.md', 'docs/frameworks.md'];

/** The command that regenerates every marked figure, named by every failure. */
export const UPDATE_COMMAND = 'npm run build && npm run size -- --update-docs';

/** Whether `file` matches `pattern`, where `*` stands for a chunk's content hash. */
export function matchesPattern(pattern, file) {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\w-]+');
  return new RegExp(`^${source}$`).test(file);
}

const TABLE = /<!-- size-table\b[^>]*-->\n([\s\S]*?)<!-- \/size-table -->/g;
const FIGURE = /<!-- size (raw|gzip|brotli) (\S+) -->([\s\S]*?)<!-- \/size -->/g;
/** A size in kilobytes written as prose; only marked figures may say one. */
const UNMARKED_KB = /\b\d+(?:[.,]\d+)? ?kB\b/g;
/** The generated columns, by header. */
const COLUMNS = { raw: 'raw', gzip: 'gzip', brotli: 'brotli', 'gzip budget': 'budget' };

const format = (bytes) => bytes.toLocaleString('en-US');
const cellsOf = (row) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/**
 * The files `patterns` name, each with its sizes and gzip budget; a pattern
 * that matches no file of the build is a problem, and then no file is returned.
 */
function resolveFiles(patterns, line, { sizes, budgets, problems }) {
  const budgetOf = (file) => Object.entries(budgets).find(([pattern]) => matchesPattern(pattern, file))?.[1];
  const files = [];
  for (const pattern of patterns) {
    const matched = sizes.filter((size) => matchesPattern(pattern, size.file));
    if (!matched.length) {
      problems.push(`${line}: no file of the build matches ${pattern}`);
      return [];
    }
    files.push(...matched.map((size) => ({ ...size, budget: budgetOf(size.file) })));
  }
  return files;
}

/** The figure of `field` over `files`: one value, the sum of several patterns, or the range of one pattern's files. */
function figure(field, files, sum) {
  const values = files.map((file) => file[field]);
  // Budgets hold per file: a sum of files has none.
  if ((sum && field === 'budget') || values.some((value) => value === undefined)) return '–';
  if (sum) return format(values.reduce((total, value) => total + value, 0));
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}

/** 1-based line of `index` in `text`. */
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/**
 * A marked table (starting on line `firstLine`) with its generated columns
 * filled in from `sizes`; each cell that changes is reported to `changed`.
 */
function renderTable(table, firstLine, context) {
  const lines = table.replace(/\n$/, '').split('\n');
  const header = cellsOf(lines[0] ?? '');
  const generated = header.map((name) => COLUMNS[name.toLowerCase()]);
  if (!generated.some(Boolean))
    context.problems.push(`${firstLine}: a size table has none of the columns ${Object.keys(COLUMNS).join(', ')}`);
  const rows = lines.map((line, index) => {
    if (index < 2 || !line.trim().startsWith('|')) return line;
    const cells = cellsOf(line);
    const patterns = [...(cells[0] ?? '').matchAll(/`(dist\/[^`]+)`/g)].map((match) => match[1]);
    if (!patterns.length) return line;
    const resolved = resolveFiles(patterns, firstLine + index, context);
    if (!resolved.length) return line;
    const filled = cells.map((cell, column) => {
      if (!generated[column]) return cell;
      const value = figure(generated[column], resolved, patterns.length > 1);
      if (value !== cell)
        context.changed.push(
          `${firstLine + index}: ${patterns.join(' + ')}, ${header[column]}: says ${cell || '(empty)'}, the build says ${value}`,
        );
      return value;
    });
    return `| ${filled.join(' | ')} |`;
  });
  return `${rows.join('\n')}\n`;
}

/** One marked figure in running text (on line `line`), in the unit it is written in. */
function renderFigure(field, spec, current, line, context) {
  const resolved = resolveFiles(spec.split('+'), line, context);
  if (!resolved.length) return current;
  const bytes = resolved.reduce((total, file) => total + file[field], 0);
  const value = /kB\s*$/.test(current) ? `${(bytes / 1000).toFixed(1)} kB` : `${format(bytes)} B`;
  if (value !== current) context.changed.push(`${line}: ${field} of ${spec}: says ${current}, the build says ${value}`);
  return value;
}

/**
 * `markdown` with every marked table and figure generated from `sizes`
 * (`distSizes()` of the build) and `budgets` (the `gzip` map of
 * size-budgets.json); `changed` lists the figures that differed (with their
 * line), `problems` what keeps a region from being generated.
 */
export function renderSizeDoc(markdown, sizes, budgets) {
  const context = { sizes, budgets, problems: [], changed: [] };
  let text = markdown.replace(TABLE, (region, table, offset) => {
    const firstLine = lineOf(markdown, offset) + 1;
    return region.replace(table, () => renderTable(table, firstLine, context));
  });
  text = text.replace(FIGURE, (region, field, spec, current, offset) => {
    const value = renderFigure(field, spec, current, lineOf(text, offset), context);
    return region.slice(0, region.length - current.length - '<!-- /size -->'.length) + value + '<!-- /size -->';
  });
  return { text, problems: context.problems, changed: context.changed };
}

/**
 * What is wrong with the size figures of `file` (holding `markdown`): marked
 * figures that differ from the build, rows that match no file, and sizes in
 * kB written outside a marked region. Each message names the file and line.
 */
export function sizeDocProblems(file, markdown, sizes, budgets) {
  const { problems, changed } = renderSizeDoc(markdown, sizes, budgets);
  const messages = [...problems, ...changed].map((problem) => `${file}:${problem}`);
  const blank = (region) => region.replace(/[^\n]/g, ' ');
  const unmarked = markdown.replace(TABLE, blank).replace(FIGURE, blank);
  for (const match of unmarked.matchAll(UNMARKED_KB)) {
    messages.push(
      `${file}:${lineOf(unmarked, match.index)}: "${match[0]}" is a size outside a generated region; mark it (see scripts/size-docs.mjs)`,
    );
  }
  return messages;
}

/**
 * Checks (or, with `update`, rewrites) the size figures of every document in
 * {@link SIZE_DOCS} under `root`. Returns the problems left and the files rewritten.
 */
export function checkSizeDocs(root, sizes, budgets, { update = false } = {}) {
  const problems = [];
  const updated = [];
  for (const file of SIZE_DOCS) {
    const path = new URL(file, root);
    const markdown = readFileSync(path, 'utf8');
    if (update) {
      const { text } = renderSizeDoc(markdown, sizes, budgets);
      if (text !== markdown) {
        writeFileSync(path, text);
        updated.push(file);
      }
      problems.push(...sizeDocProblems(file, text, sizes, budgets));
    } else {
      problems.push(...sizeDocProblems(file, markdown, sizes, budgets));
    }
  }
  return { problems, updated };
}
