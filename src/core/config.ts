/**
 * Validation of `init(config)`: every mistake is reported once, naming the key,
 * and replaced by the safe default. Nothing here throws.
 * @packageDocumentation
 */
import type {
  Category,
  CategoryOptions,
  CookieMatcher,
  ConsentGateConfig,
  ResolvedConfig,
  ServiceDeclaration,
  TextOverrides,
} from './config-types.js';
import { MAX_EXPIRES_DAYS, MAX_REVISION, NAME_PATTERN } from './limits.js';
import { isHttpUrl } from './url.js';

/** Called once per configuration mistake with a message that names the key. */
export type ConfigErrorReporter = (message: string) => void;

/** Labels of the categories that can be named in `data-categories` without a JSON block. */
export const KNOWN_CATEGORIES: Record<string, CategoryOptions> = {
  necessary: {
    label: 'Necessary',
    description: 'Needed for the site to work, such as remembering this choice. Always on.',
    required: true,
  },
  preferences: {
    label: 'Preferences',
    description: 'Remember settings such as language or region.',
  },
  analytics: {
    label: 'Analytics',
    description: 'Count visits and pages viewed, with your IP address, browser and visit times, so we can improve the site.',
  },
  marketing: {
    label: 'Marketing',
    description: 'Let advertising partners show relevant ads and measure them.',
  },
};

const DEFAULT_CATEGORIES = ['necessary', 'analytics'];

/** The on/off settings and their defaults. */
export const SWITCHES = {
  respectGpc: true,
  googleConsentMode: false,
  trackSpa: true,
  reloadOnWithdraw: true,
  floatingButton: false,
} satisfies Partial<Record<keyof ConsentGateConfig, boolean>>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates raw configuration (from `init`, data attributes or the JSON block)
 * and returns a complete configuration. Unknown keys and wrong values are
 * reported through `report` and fall back to their defaults.
 */
export function resolveConfig(input: unknown, report: ConfigErrorReporter = (message) => console.error(message)): ResolvedConfig {
  const raw: Record<string, unknown> = isRecord(input) ? input : {};
  if (input !== undefined && !isRecord(input)) {
    report('consent-gate: the configuration must be an object; using the defaults.');
  }
  const fail = (key: string, why: string): undefined => {
    report(`consent-gate: invalid "${key}": ${why}; using the default.`);
    return undefined;
  };
  const pick = <T>(key: keyof ConsentGateConfig, check: (v: unknown) => T | undefined, why: string): T | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    const checked = check(value);
    return checked === undefined ? fail(key, why) : checked;
  };
  const integerIn = (min: number, max: number) => (v: unknown) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
  const oneOf =
    <T extends string>(...allowed: T[]) =>
    (v: unknown) =>
      allowed.includes(v as T) ? (v as T) : undefined;

  const categories = resolveCategories(raw.categories, (why) => fail('categories', why));
  const collector = pick('collector', (v) => (isHttpUrl(v) ? v.replace(/\/+$/, '') : undefined), 'must be an http(s) URL');

  const resolved: ResolvedConfig = {
    collector: collector ?? null,
    categories,
    // The collector refuses a larger revision (both of its stores hold it): every record and event would be lost.
    revision: pick('revision', integerIn(0, MAX_REVISION), `must be a whole number from 0 to ${MAX_REVISION}`) ?? 1,
    expiresDays: pick('expiresDays', integerIn(1, MAX_EXPIRES_DAYS), `must be a whole number of days from 1 to ${MAX_EXPIRES_DAYS}`) ?? 182,
    cookieName:
      pick('cookieName', (v) => (typeof v === 'string' && NAME_PATTERN.test(v) ? v : undefined), 'letters, digits, _ and - only') ??
      'cg_consent',
    cookieDomain: pick('cookieDomain', checkCookieDomain, 'must be the current host or one of its parent domains'),
    policyUrl: pick('policyUrl', (v) => (isHttpUrl(v) ? v : undefined), 'must be an http(s) or relative URL') ?? null,
    language:
      pick(
        'language',
        (v) => (typeof v === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v) ? v : undefined),
        'must be a language tag such as "en" or "de-AT"',
      ) ?? null,
    texts: pick('texts', checkTexts, 'must map languages to objects of strings') ?? {},
    consentModeMap: pick(
      'consentModeMap',
      checkConsentModeMap,
      'must map categories to lists of Consent Mode types such as "analytics_storage"',
    ),
    layout: pick('layout', oneOf('bar', 'box'), 'must be "bar" or "box"') ?? 'bar',
    theme: pick('theme', oneOf('light', 'dark', 'auto'), 'must be "light", "dark" or "auto"') ?? 'auto',
    autoClear:
      pick('autoClear', checkAutoClear, 'must map categories to lists of { name } or { pattern } (a valid regular expression)') ??
      autoClearFromServices(categories),
    searchParam:
      pick(
        'searchParam',
        (v) => (typeof v === 'string' && /^[^\s&=#]{1,64}$/.test(v) ? v : undefined),
        'must be a query parameter name such as "q"',
      ) ?? 'q',
    nonce: pick('nonce', (v) => (typeof v === 'string' && v !== '' ? v : undefined), 'must be a non-empty string'),
    ...(Object.fromEntries(
      Object.entries(SWITCHES).map(([key, fallback]) => [
        key,
        pick(key as keyof typeof SWITCHES, (v) => (typeof v === 'boolean' ? v : undefined), 'must be true or false') ?? fallback,
      ]),
    ) as typeof SWITCHES),
  };
  // Every key of ResolvedConfig is an own property (some with the value undefined), so it names the known keys.
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(resolved, key)) report(`consent-gate: unknown configuration key "${key}" is ignored.`);
  }
  return resolved;
}

function resolveCategories(value: unknown, fail: (why: string) => void): Category[] {
  const fallback = () => DEFAULT_CATEGORIES.map((name) => toCategory(name, KNOWN_CATEGORIES[name]!));
  if (value === undefined) return fallback();
  if (!isRecord(value)) {
    fail('must be an object keyed by category name');
    return fallback();
  }
  const result: Category[] = [];
  for (const [name, options] of Object.entries(value)) {
    const base = KNOWN_CATEGORIES[name];
    if (!NAME_PATTERN.test(name)) {
      fail(`category name "${name}" may hold only letters, digits, _ and -`);
    } else if (options === true && base) {
      result.push(toCategory(name, base));
    } else if (!isRecord(options) || (options.label === undefined && !base) || !isCategoryOptions(options)) {
      fail(`category "${name}" needs { label, description?, required?, services? }`);
    } else {
      // Left out rather than run with cookies or storage keys that would never be deleted.
      const problem = declarationProblem(options.services as ServiceDeclaration[] | undefined);
      if (problem) fail(`category "${name}" is left out: ${problem}`);
      else result.push(toCategory(name, { ...base, ...options }));
    }
  }
  return result.length ? result : fallback();
}

function isCategoryOptions(o: Record<string, unknown>): boolean {
  const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
  return (
    optionalString(o.label) &&
    optionalString(o.description) &&
    (o.required === undefined || typeof o.required === 'boolean') &&
    (o.services === undefined || (Array.isArray(o.services) && o.services.every(isService)))
  );
}

function isService(s: unknown): s is ServiceDeclaration {
  return isRecord(s) && typeof s.name === 'string';
}

/** What is wrong with the `cookies` or `storage` declaration of one of `services`, naming the service and the key; `''` when nothing is. */
function declarationProblem(services: ServiceDeclaration[] | undefined): string {
  for (const service of services ?? []) {
    for (const key of ['cookies', 'storage'] as const) {
      const list: unknown = service[key];
      if (list !== undefined && !(Array.isArray(list) && list.every(isMatcher))) {
        return `service "${service.name}": "${key}" must list { name } or { pattern } (a valid regular expression)`;
      }
    }
  }
  return '';
}

function isMatcher(c: unknown): c is CookieMatcher {
  if (!isRecord(c)) return false;
  if (typeof c.name === 'string') return true;
  if (typeof c.pattern !== 'string') return false;
  try {
    new RegExp(c.pattern);
    return true;
  } catch {
    return false;
  }
}

function toCategory(name: string, options: CategoryOptions): Category {
  return {
    name,
    label: options.label ?? name,
    description: options.description ?? '',
    required: options.required === true,
    services: options.services ?? [],
  };
}

function checkCookieDomain(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const domain = value.replace(/^\./, '').toLowerCase();
  const host = location.hostname.toLowerCase();
  return /^[a-z0-9.-]+$/.test(domain) && (host === domain || host.endsWith(`.${domain}`)) ? domain : undefined;
}

function checkTexts(value: unknown): TextOverrides | undefined {
  if (!isRecord(value)) return undefined;
  const texts: TextOverrides = {};
  for (const [language, strings] of Object.entries(value)) {
    if (!isRecord(strings) || !Object.values(strings).every((s) => typeof s === 'string')) return undefined;
    texts[language.toLowerCase()] = strings as Record<string, string>;
  }
  return texts;
}

function checkAutoClear(value: unknown): Record<string, CookieMatcher[]> | undefined {
  if (!isRecord(value)) return undefined;
  for (const list of Object.values(value)) {
    if (!Array.isArray(list) || !list.every(isMatcher)) return undefined;
  }
  return value as Record<string, CookieMatcher[]>;
}

function checkConsentModeMap(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const valid = Object.values(value).every(
    (list) => Array.isArray(list) && list.every((type) => typeof type === 'string' && /^[a-z_]{1,64}$/.test(type)),
  );
  return valid ? (value as Record<string, string[]>) : undefined;
}

function autoClearFromServices(categories: Category[]): Record<string, CookieMatcher[]> {
  const result: Record<string, CookieMatcher[]> = {};
  for (const category of categories) {
    const cookies = category.services.flatMap((s) => s.cookies ?? []);
    if (cookies.length) result[category.name] = cookies.map(({ name, pattern }) => (name ? { name } : { pattern }));
  }
  return result;
}
