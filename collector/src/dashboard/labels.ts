/**
 * How dimension values read: country codes as names (`Intl.DisplayNames`),
 * consent methods and visitor types in words, an empty value as `(none)`.
 * @packageDocumentation
 */

const CONSENT_METHODS: Readonly<Record<string, string>> = {
  'accept-all': 'Accepted all',
  'reject-all': 'Rejected all',
  custom: 'Chose categories',
  gpc: 'Refused by GPC signal',
};
const VISITOR_TYPES: Readonly<Record<string, string>> = { new: 'New', returning: 'Returning' };
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

let regions: Intl.DisplayNames | null | undefined;

/** A country's name from its ISO 3166-1 alpha-2 code, or the code itself. */
export function countryName(code: string): string {
  if (regions === undefined) {
    try {
      regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    } catch {
      regions = null;
    }
  }
  if (!/^[A-Za-z]{2}$/.test(code) || !regions) return code;
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The name of weekday `n` (1 = Monday … 7 = Sunday). */
export const weekdayName = (n: number): string => WEEKDAYS[n - 1] ?? String(n);

/** A dimension's value as a person reads it. */
export function valueLabel(dimension: string, value: string): string {
  if (value === '') return '(none)';
  if (dimension === 'visit:country') return countryName(value);
  if (dimension === 'consent:method') return CONSENT_METHODS[value] ?? value;
  if (dimension === 'visit:visitor_type') return VISITOR_TYPES[value] ?? value;
  return value;
}
