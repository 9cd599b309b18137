import Database from 'better-sqlite3';
import { openSqliteStorage } from './src/storage/sqlite.ts';
import { runQuery } from './src/query/engine.ts';
import { parseQuery } from './src/query/parse.ts';
const file = process.argv[2]!;
const body = JSON.parse(process.argv[3]!);
const storage = openSqliteStorage(file);
const db = new Database(file, { readonly: true });
const named = (p: unknown[]) => Object.fromEntries(p.map((v, i) => [`p${i + 1}`, typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : v]));
const original = storage.read.bind(storage);
storage.read = async (statements) => {
  for (const st of statements) {
    const t = process.hrtime.bigint();
    db.prepare(st.sql).all(named(st.params as unknown[]));
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms > 5) {
      console.log(ms.toFixed(1), 'ms:', st.sql.replace(/\s+/g, ' ').slice(0, 300));
      for (const p of db.prepare('EXPLAIN QUERY PLAN ' + st.sql).all(named(st.params as unknown[])) as { detail: string }[]) console.log('   ', p.detail);
    }
  }
  return original(statements);
};
const t = Date.now();
await runQuery(storage, parseQuery(body), { zone: 'UTC', now: Date.now() });
console.log('total', Date.now() - t, 'ms');
await storage.close();
