// The benchmark's demo page: one small article, identical for every tool. Only
// the tool's own snippet (`head`, `bodyEnd`) and the "Cookie settings" link
// attributes (`settingsLink`) differ between tools; the gated analytics script
// is part of `bodyEnd`, in the form each tool uses for gating.
import { DEFAULT_SCRIPTS } from './tools.mjs';

const STYLE = `
  :root { color-scheme: light; --fg: #1d2430; --muted: #4a5568; --accent: #0b5cad; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
  header, main, footer { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; }
  header { display: flex; justify-content: space-between; align-items: center; padding-block: 1rem; border-bottom: 1px solid #e2e8f0; }
  header .logo { font-weight: 700; color: var(--fg); text-decoration: none; }
  nav a { margin-left: 1rem; color: var(--accent); }
  main { padding-block: 1.5rem 3rem; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0; }
  .meta { color: var(--muted); font-size: 0.9rem; margin: 0 0 1.5rem; }
  figure { margin: 1.5rem 0; }
  figure svg { display: block; width: 100%; height: auto; background: #f4f7fb; border-radius: 6px; }
  figcaption { color: var(--muted); font-size: 0.9rem; }
  blockquote { margin: 1.5rem 0; padding-left: 1rem; border-left: 4px solid var(--accent); color: var(--muted); }
  a { color: var(--accent); }
  footer { border-top: 1px solid #e2e8f0; padding-block: 1.5rem 8rem; color: var(--muted); font-size: 0.9rem; }
  footer a { margin-right: 1rem; }
`;

const ARTICLE = `
      <article>
        <h1>How we cut our page weight in half without a redesign</h1>
        <p class="meta">By Maria Keller · 12 March 2026 · 5 min read</p>
        <p>Our marketing site had grown for six years without anybody owning its performance. Every campaign added a script, every
          redesign added a font, and nobody removed anything. Last quarter we set ourselves one rule: the home page must be usable
          on a mid-range phone over a slow connection in under two seconds.</p>
        <h2>Measure first</h2>
        <p>We started by recording what the page actually loaded. Of 1.9&nbsp;MB transferred, only 310&nbsp;kB were the content
          people came for. The rest was third-party JavaScript, two copies of the same carousel library and an icon font of which
          we used eleven glyphs.</p>
        <figure>
          <svg viewBox="0 0 640 200" role="img" aria-labelledby="chart-title">
            <title id="chart-title">Page weight by resource type, before and after</title>
            <g fill="#0b5cad"><rect x="40" y="40" width="60" height="140" /><rect x="200" y="90" width="60" height="90" /><rect x="360" y="120" width="60" height="60" /><rect x="520" y="150" width="60" height="30" /></g>
            <g fill="#7aa7d8"><rect x="105" y="110" width="60" height="70" /><rect x="265" y="130" width="60" height="50" /><rect x="425" y="150" width="60" height="30" /><rect x="585" y="165" width="40" height="15" /></g>
            <g fill="#1d2430" font-size="14" font-family="system-ui, sans-serif"><text x="40" y="30">Scripts</text><text x="200" y="80">Images</text><text x="360" y="110">Fonts</text><text x="520" y="140">CSS</text></g>
          </svg>
          <figcaption>Dark bars: before. Light bars: after. Scripts shrank the most.</figcaption>
        </figure>
        <h2>Remove before you optimise</h2>
        <p>The cheapest byte is the one you never send. We deleted the unused carousel, replaced the icon font with inline SVG and
          moved the chat widget behind a button, so it loads only for the visitors who want to chat.</p>
        <blockquote>“We did not make anything faster. We stopped making it slower.”</blockquote>
        <h2>Then make what is left cheap</h2>
        <ul>
          <li>Images are served in modern formats at the size they are displayed.</li>
          <li>Critical CSS is inlined; the rest loads without blocking rendering.</li>
          <li>Scripts are deferred, and analytics run only for visitors who agree to them.</li>
        </ul>
        <p>The result: 860&nbsp;kB transferred, a largest contentful paint of 1.4&nbsp;seconds on our test phone, and a bounce rate
          that fell by a fifth. None of it needed a redesign.</p>
        <p><a href="/privacy">Read how we handle your data</a></p>
      </article>`;

/**
 * The full HTML of the page for one tool.
 * @param {{ name: string, head: (o: object) => string, bodyEnd: (o: object) => string, settingsLink?: string }} tool
 * @param {{ scripts?: string[], collector?: string | null, probe?: string, run?: boolean }} [options] the gated
 *   scripts (default: the one analytics script), the collector URL for a tool's own tracker,
 *   the bench probe's `<script>` (first in <head>, before any other script), and for the no-tool
 *   page whether its scripts run (a returning visit with consent) or stay inert (a first visit)
 */
export function renderPage(tool, { scripts = DEFAULT_SCRIPTS, collector = null, probe = '', run = false } = {}) {
  const options = { scripts, collector, run };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />${probe ? `\n    ${probe}` : ''}
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>How we cut our page weight in half · Nimbus Blog</title>
    <link rel="icon" href="data:," />
    <style>${STYLE}</style>
${tool.head(options)}
  </head>
  <body>
    <header>
      <a class="logo" href="/">☁ Nimbus Blog</a>
      <nav aria-label="Main"><a href="/">Articles</a><a href="/privacy">Privacy</a></nav>
    </header>
    <main>${ARTICLE}
    </main>
    <footer>
      <p><a href="/privacy">Privacy policy</a><a href="#cookie-settings" ${tool.settingsLink ?? ''}>Cookie settings</a></p>
      <p>© 2026 Nimbus Hosting, a fictional company for the consent tool benchmark.</p>
    </footer>
${tool.bodyEnd(options)}
  </body>
</html>
`;
}
