// With `checkUnknownProps` (tsconfig.json) vue-tsc reports an attribute that neither the component nor
// HTML knows, and Vue's HTML types list no `data-*`: this makes every `data-*` attribute known
// (consent-gate's `data-consent` and `data-consent-open`, the test's `data-testid`).
export {};

declare module 'vue' {
  interface HTMLAttributes {
    [name: `data-${string}`]: unknown;
  }
}
