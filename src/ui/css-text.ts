/**
 * A tag for CSS written in TypeScript that yields a plain string, so that
 * Lit-free code can style its shadow roots. The build minifies every template
 * whose tag name contains "css", this one included.
 * @packageDocumentation
 */

/** Joins a tagged template into one CSS string. Use it only with constants, never with configuration or page input. */
export function cssText(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return String.raw({ raw: strings }, ...values);
}
