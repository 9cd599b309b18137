/**
 * What the query engine's SQL says differently in SQLite and PostgreSQL; the
 * rest of the SQL is the same text for both. Values only ever travel as bound
 * parameters ({@link SqlBuilder.param}), never inside the text.
 * @packageDocumentation
 */

/** The SQL type a bound parameter is used as. */
export type ParamType = 'int' | 'text' | 'timestamp';

/** The differences between the two stores' SQL. */
export interface Dialect {
  /** `sqlite` or `postgres`. */
  readonly name: 'sqlite' | 'postgres';
  /** The placeholder of the `index`-th parameter (from 1), typed where the store needs to be told. */
  placeholder(index: number, type: ParamType): string;
  /** `expr` ordered by bytes (SQLite's only order; PostgreSQL's `"C"` collation), so both sort text alike. */
  byteOrder(expr: string): string;
  /** True when `text` holds `part` (case-sensitive, no wildcards). */
  contains(text: string, part: string): string;
  /** `expr` as a double-precision number, for ratios compared in SQL. */
  float(expr: string): string;
  /** Calendar month (year × 12 + month − 1) of a local day number. */
  monthOf(dayExpr: string): string;
  /** A custom property's value as text (`json` keeps numbers as sent) from the JSON column `props`; `key` is a placeholder of the property name. */
  propValue(props: string, key: string): string;
  /** The JSON path (SQLite) or key (PostgreSQL) that addresses property `name`. */
  propKey(name: string): string;
  /** Milliseconds since the epoch of a stored timestamp column. */
  epochMs(column: string): string;
}

const sqlite: Dialect = {
  name: 'sqlite',
  placeholder: (index) => `$p${index}`,
  byteOrder: (expr) => expr,
  contains: (text, part) => `instr(${text}, ${part}) > 0`,
  float: (expr) => `CAST(${expr} AS REAL)`,
  monthOf: (day) =>
    `(CAST(strftime('%Y', (${day}) * 86400, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', (${day}) * 86400, 'unixepoch') AS INTEGER) - 1)`,
  // `->` gives the JSON text of a value (numbers as stored), `->>` a string's content.
  propValue: (props, key) => `CASE json_type(${props}, ${key}) WHEN 'text' THEN ${props} ->> ${key} ELSE ${props} -> ${key} END`,
  propKey: (name) => `$."${name}"`,
  epochMs: (column) => `CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`,
};

const PG_TYPES: Record<ParamType, string> = { int: 'bigint', text: 'text', timestamp: 'timestamptz' };

const postgres: Dialect = {
  name: 'postgres',
  placeholder: (index, type) => `$${index}::${PG_TYPES[type]}`,
  byteOrder: (expr) => `${expr} COLLATE "C"`,
  contains: (text, part) => `strpos(${text}, ${part}) > 0`,
  float: (expr) => `(${expr})::float8`,
  monthOf: (day) =>
    `(EXTRACT(YEAR FROM to_timestamp((${day}) * 86400) AT TIME ZONE 'UTC')::bigint * 12 + EXTRACT(MONTH FROM to_timestamp((${day}) * 86400) AT TIME ZONE 'UTC')::bigint - 1)`,
  // A `json` column keeps the text it was given: `::text` is a number as sent.
  propValue: (props, key) =>
    `CASE json_typeof(${props} -> ${key}) WHEN 'string' THEN ${props} ->> ${key} ELSE (${props} -> ${key})::text END`,
  propKey: (name) => name,
  epochMs: (column) => `round(extract(epoch FROM ${column}) * 1000)::bigint`,
};

/** The dialect of a store (`Storage.kind`). */
export function dialectOf(kind: 'sqlite' | 'postgres'): Dialect {
  return kind === 'sqlite' ? sqlite : postgres;
}

/** Collects the bound parameters of one statement as its SQL is written. */
export class SqlBuilder {
  /** The values, in placeholder order. */
  readonly params: unknown[] = [];

  /** @param dialect - the store's dialect */
  constructor(readonly dialect: Dialect) {}

  /** Bind `value` and return its placeholder. */
  param(value: unknown, type: ParamType): string {
    this.params.push(value);
    return this.dialect.placeholder(this.params.length, type);
  }

  /** Bind each of `values` (a non-empty list) and return `(p1, p2, …)`. */
  list(values: readonly unknown[], type: ParamType): string {
    return `(${values.map((value) => this.param(value, type)).join(', ')})`;
  }
}
