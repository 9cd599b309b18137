/**
 * How figures read: numbers in the reader's locale, durations in minutes and
 * seconds, rates in percent, changes with their sign. Pure: no DOM.
 * @packageDocumentation
 */

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** Metrics in percent. */
const PERCENT_METRICS = new Set(['bounce_rate', 'percentage', 'conversion_rate', 'opt_in_rate', 'share']);
/** Metrics in seconds. */
const SECOND_METRICS = new Set(['visit_duration', 'time_on_page']);
/** Metrics whose change is in points, not percent. */
const POINT_METRICS = new Set(['bounce_rate', 'opt_in_rate', 'conversion_rate']);
/** Metrics where less is better (their fall is shown as good news). */
const LOWER_IS_BETTER = new Set(['bounce_rate']);

/** `1 h 2 min`, `3 min 5 s`, `42 s`. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** A metric's value as a person reads it; `–` for none. */
export function formatMetric(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (SECOND_METRICS.has(metric)) return formatDuration(value);
  if (PERCENT_METRICS.has(metric)) return `${oneDecimal.format(value)}%`;
  if (metric === 'views_per_visit' || metric === 'visits_per_visitor') return decimal.format(value);
  return integer.format(value);
}

/** A short form for axes: 1.2K, 3.4M. */
export function formatCompact(metric: string, value: number): string {
  if (SECOND_METRICS.has(metric)) return formatDuration(value);
  if (PERCENT_METRICS.has(metric)) return `${oneDecimal.format(value)}%`;
  return compact.format(value);
}

/** A change as the figures show it. */
export interface Change {
  /** `+12%`, `−3 pts`, `0%`, or `–` when there is nothing to compare with. */
  text: string;
  /** What a person should read into it. */
  tone: 'good' | 'bad' | 'flat';
  /** The same for a screen reader: `up 12 percent`. */
  spoken: string;
}

/** A metric's change (percent, or points for rates) as text and tone. */
export function formatChange(metric: string, change: number | null | undefined): Change {
  if (change === null || change === undefined || !Number.isFinite(change)) return { text: '–', tone: 'flat', spoken: 'no comparison' };
  const unit = POINT_METRICS.has(metric) ? ' pts' : '%';
  const spokenUnit = POINT_METRICS.has(metric) ? ' points' : ' percent';
  const size = oneDecimal.format(Math.abs(change));
  if (change === 0) return { text: `0${unit}`, tone: 'flat', spoken: 'unchanged' };
  const up = change > 0;
  const better = LOWER_IS_BETTER.has(metric) ? !up : up;
  return {
    text: `${up ? '+' : '−'}${size}${unit}`,
    tone: better ? 'good' : 'bad',
    spoken: `${up ? 'up' : 'down'} ${size}${spokenUnit}`,
  };
}
