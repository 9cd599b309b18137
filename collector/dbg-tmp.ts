import Database from 'better-sqlite3';
import { planRollupDay } from './src/query/rollups.ts';
import { dialectOf } from './src/query/dialect.ts';
const db = new Database('/tmp/eng/site1m-b.db');
const plan = planRollupDay(20700, 'UTC', 20430, dialectOf('sqlite'));
const named = (p: unknown[]) => Object.fromEntries(p.map((v, i) => [`p${i + 1}`, typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v]));
const results = [];
for (const [i, st] of plan.statements.entries()) {
  const t = process.hrtime.bigint();
  const rows = db.prepare(st.sql).all(named(st.params as unknown[]));
  console.log(i, Number(process.hrtime.bigint() - t) / 1e6, 'ms', rows.length, 'rows');
  results.push(rows);
}
const t = process.hrtime.bigint();
const day = plan.read(results as never);
console.log('count', Number(process.hrtime.bigint() - t) / 1e6, 'ms', day.sums.length, day.returns.length);
console.log(db.prepare('EXPLAIN QUERY PLAN ' + plan.statements[3].sql).all(named(plan.statements[3].params as unknown[])));
