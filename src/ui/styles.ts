/**
 * Styles shared by the banner and the dialog: theme tokens exposed as
 * `--consent-gate-*` custom properties, and the button style. Accept and
 * Reject share one class so they always look the same.
 * @packageDocumentation
 */
import { cssText } from './css-text.js';

/** Colour tokens per theme; each becomes `--_name: var(--consent-gate-name, value)`. */
const LIGHT = {
  bg: '#ffffff',
  fg: '#1b1d21',
  muted: '#4a4f57',
  accent: '#1d4fd8',
  'accent-fg': '#ffffff',
  border: '#c9ccd1',
  focus: '#b45309',
  'switch-off': '#6b7079',
};
const DARK: typeof LIGHT = {
  bg: '#1d1f23',
  fg: '#f3f4f6',
  muted: '#c3c7cf',
  accent: '#8ab4f8',
  'accent-fg': '#10141a',
  border: '#3d4149',
  focus: '#fbbf24',
  'switch-off': '#8b9099',
};

const tokens = (theme: typeof LIGHT) =>
  Object.entries(theme)
    .map(([name, value]) => `--_${name}:var(--consent-gate-${name},${value})`)
    .join(';');

/**
 * Theme tokens (light by default, dark for `theme="dark"` and for
 * `theme="auto"` in a dark system theme) and the styles both elements share,
 * as one CSS string. Built from constants only, never from configuration.
 */
export const THEME_CSS =
  `:host{--_z:var(--consent-gate-z-index,2147483000);${tokens(LIGHT)}}:host([theme=dark]){${tokens(DARK)}}@media(prefers-color-scheme:dark){:host([theme=auto]){${tokens(DARK)}}}` +
  cssText`
  :host {
    --_radius: var(--consent-gate-radius, 12px);
    --_font: var(--consent-gate-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--consent-gate-shadow, 0 8px 32px rgb(0 0 0 / 0.24));
    font: 15px/1.5 var(--_font);
    color: var(--_fg);
  }
  [hidden] {
    display: none !important;
  }
  h2 {
    font-size: 1.1em;
    margin: 0 0 0.4em;
  }
  p {
    margin: 0 0 0.6em;
  }
  a {
    color: inherit;
    text-decoration: underline;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .btn {
    min-height: 44px;
    padding: 0.55em 1.2em;
    border-radius: calc(var(--_radius) / 2);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-fg);
    font-weight: 600;
  }
  .btn.secondary {
    background: transparent;
    color: var(--_fg);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* A short slide, without a fade: the text is legible (and its contrast full) from the first frame. */
  @media (prefers-reduced-motion: no-preference) {
    .animated {
      animation: cg-in 0.2s ease-out;
    }
  }
  @keyframes cg-in {
    from {
      transform: translateY(8px);
    }
  }
`;
