/**
 * The style sheet of report.html, inlined (the file stands alone): system fonts,
 * light and dark, a readable width, and tables that become cards on a narrow
 * screen rather than scroll the page sideways.
 * @packageDocumentation
 */

/** The CSS of report.html. */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --link: #0b57d0;
  --ok: #1a7f37; --ok-bg: #dafbe1; --warn: #8a5a00; --warn-bg: #fff8c5; --err: #c21a2e; --err-bg: #ffebe9;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --link: #7cb7ff;
    --ok: #4ac26b; --ok-bg: #12261e; --warn: #d29922; --warn-bg: #272115; --err: #ff7b72; --err-bg: #2d1517;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word;
}
main { max-width: 72rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 3rem 0 1rem; padding-bottom: .4rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.125rem; margin: 2rem 0 .6rem; }
h2 .count, h3 .count { color: var(--muted); font-weight: 400; }
p { margin: .5rem 0; }
code { font-family: var(--mono); font-size: .875em; overflow-wrap: anywhere; }
small, .muted { color: var(--muted); }
small { font-size: .875em; }
.site { font-size: 1.125rem; margin: 0 0 .25rem; }
.meta { color: var(--muted); margin: 0; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 1.25rem 0 0; padding: .75rem 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
.pages { margin: .5rem 0 0; padding-left: 1.25rem; }

.verdict { margin: 1rem 0 1.25rem; padding: 1rem 1.25rem; border-radius: .5rem; border: 1px solid var(--line); border-left: .375rem solid var(--ok); background: var(--ok-bg); }
.verdict.warnings { border-left-color: var(--warn); background: var(--warn-bg); }
.verdict.errors { border-left-color: var(--err); background: var(--err-bg); }
.verdict .headline { font-size: 1.375rem; font-weight: 700; line-height: 1.3; margin: 0 0 .35rem; }
.verdict .headline::before { content: "\\2713\\00a0"; color: var(--ok); }
.verdict.warnings .headline::before { content: "!\\00a0"; color: var(--warn); }
.verdict.errors .headline::before { content: "\\2717\\00a0"; color: var(--err); }

table { width: 100%; border-collapse: collapse; font-size: .9375rem; margin: 0 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .5rem .625rem; border-bottom: 1px solid var(--line); }
/* A site's names and URLs can be one long word: their cells may break it anywhere rather than widen the table. */
td.long { overflow-wrap: anywhere; }
thead th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr.error > td:first-child { box-shadow: inset .25rem 0 var(--err); }
tbody tr.warning > td:first-child { box-shadow: inset .25rem 0 var(--warn); }
.none { color: var(--muted); }

.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; border: 1px solid var(--line); background: var(--soft); font-size: .8125rem; font-weight: 600; white-space: nowrap; }
.badge.error { color: var(--err); background: var(--err-bg); border-color: currentColor; }
.badge.warning { color: var(--warn); background: var(--warn-bg); border-color: currentColor; }
.badge.necessary { color: var(--ok); }
.badge.third { color: var(--warn); border-color: currentColor; }

.phase-head { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
.phase-head > .about { flex: 1 1 22rem; min-width: 0; }
.shot { flex: 0 1 20rem; min-width: 0; margin: 0; }
.shot:has(details[open]) { flex-basis: 100%; }
.shot summary { list-style: none; cursor: zoom-in; }
.shot summary::-webkit-details-marker { display: none; }
.shot img { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: .375rem; background: var(--soft); }
.shot details[open] summary { cursor: zoom-out; }
.shot figcaption { font-size: .875rem; color: var(--muted); margin-top: .35rem; }

details.page { border: 1px solid var(--line); border-radius: .5rem; margin: 0 0 .75rem; }
details.page > summary { cursor: pointer; padding: .6rem .75rem; background: var(--soft); border-radius: .5rem; }
details.page[open] > summary { border-bottom: 1px solid var(--line); border-radius: .5rem .5rem 0 0; }
details.page > table { margin: 0; }
details.page > table td:first-child, details.page > table th:first-child { padding-left: .75rem; }

/* Wide tables keep a readable name column; the long URLs beside it wrap first. */
@media (min-width: 50.001rem) {
  td.name { min-width: 10rem; }
  td.long { min-width: 6rem; }
  td.writer { width: 28%; }
}

@media (max-width: 50rem) {
  main { padding-top: 1.25rem; }
  h1 { font-size: 1.5rem; }
  table.stack, .stack thead, .stack tbody, .stack tr, .stack th, .stack td { display: block; }
  .stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .stack tr { border: 1px solid var(--line); border-radius: .5rem; padding: .35rem .75rem; margin: 0 0 .6rem; }
  details.page .stack tr { border-width: 0 0 1px; border-radius: 0; margin: 0; }
  /* The label floats into the cell's left padding; flow-root makes the cell as tall as a label that wraps. */
  .stack td { display: flow-root; border: 0; padding: .2rem 0 .2rem 7.5rem; text-align: left; }
  details.page > table.stack td:first-child { padding-left: 7.5rem; }
  .stack td::before { content: attr(data-label); float: left; width: 7rem; margin-left: -7.5rem; font-weight: 600; font-size: .875rem; color: var(--muted); }
  /* The summary's counts: a card per phase, its name on top and the four counts in two columns. */
  .counts tr { display: grid; grid-template-columns: 1fr 1fr; gap: .1rem 1rem; }
  .counts td { padding: .2rem 0; text-align: left; }
  .counts td::before { float: none; display: block; width: auto; margin: 0; font-size: .8125rem; }
  .counts td:first-child { grid-column: 1 / -1; font-weight: 600; }
  .counts td:first-child::before { display: none; }
  .stack td:empty { display: none; }
  tbody tr.error, tbody tr.warning { border-left-width: .3rem; }
  tbody tr.error { border-left-color: var(--err); }
  tbody tr.warning { border-left-color: var(--warn); }
  tbody tr.error > td:first-child, tbody tr.warning > td:first-child { box-shadow: none; }
}
`;
