/**
 * Styles shared by the banner and the dialog: theme tokens exposed as
 * `--consent-gate-*` custom properties, and the button style. Accept and
 * Reject share one class so they always look the same.
 * @packageDocumentation
 */
import { css } from 'lit';

const darkTokens = css`
  --_bg: var(--consent-gate-bg, #1d1f23);
  --_fg: var(--consent-gate-fg, #f3f4f6);
  --_muted: var(--consent-gate-muted, #c3c7cf);
  --_accent: var(--consent-gate-accent, #8ab4f8);
  --_accent-fg: var(--consent-gate-accent-fg, #10141a);
  --_border: var(--consent-gate-border, #3d4149);
  --_focus: var(--consent-gate-focus, #fbbf24);
  --_switch-off: var(--consent-gate-switch-off, #8b9099);
`;

/** Theme tokens, light by default, dark for `theme="dark"` and for `theme="auto"` in a dark system theme. */
export const themeStyles = css`
  :host {
    --_bg: var(--consent-gate-bg, #ffffff);
    --_fg: var(--consent-gate-fg, #1b1d21);
    --_muted: var(--consent-gate-muted, #4a4f57);
    --_accent: var(--consent-gate-accent, #1d4fd8);
    --_accent-fg: var(--consent-gate-accent-fg, #ffffff);
    --_border: var(--consent-gate-border, #c9ccd1);
    --_focus: var(--consent-gate-focus, #b45309);
    --_switch-off: var(--consent-gate-switch-off, #6b7079);
    --_radius: var(--consent-gate-radius, 12px);
    --_font: var(--consent-gate-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--consent-gate-shadow, 0 8px 32px rgb(0 0 0 / 0.24));
    --_z: var(--consent-gate-z-index, 2147483000);
    font: 15px/1.5 var(--_font);
    color: var(--_fg);
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
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
  @media (prefers-reduced-motion: no-preference) {
    .animated {
      animation: cg-in 0.2s ease-out;
    }
  }
  @keyframes cg-in {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
`;
