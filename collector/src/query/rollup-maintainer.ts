/**
 * Keeps the roll-ups (`rollups.ts`) up to date, in the background: every
 * minute it rolls up the days that closed (an hour after local midnight, so
 * that visits running past midnight are complete), rebuilds the rolled days
 * that changed (events that arrived late, an erasure, the retention purge),
 * and starts over when the reporting time zone changed. Each day is counted on
 * the store's reader (SQLite: its thread) and written in one short transaction,
 * so ingestion is never held up for more than a day's rows.
 *
 * Queries read what is rolled up and the raw rows after it, so an answer never
 * waits for the maintainer; on PostgreSQL one collector of those sharing the
 * database does the work (an advisory lock).
 * @packageDocumentation
 */

import type { RollupChange, StoredRollupState } from '../storage/rollup-writes.js';
import type { SqlRow, Storage } from '../storage/storage.js';
import { dialectOf } from './dialect.js';
import type { RollupState } from './rollup-plan.js';
import { planRollupDay } from './rollups.js';
import { dayStart, localDay } from './time-zone.js';

/** How long after its end a day is rolled up. */
export const GRACE_MS = 60 * 60_000;
/** How often the maintainer looks for work. */
export const INTERVAL_MS = 60_000;
/** Events that arrived this long before a pass are looked at again by the next (commits lag arrival a little). */
const CHECK_MARGIN_MS = 10_000;

/** Read the roll-ups' state, or null when there are none yet. */
export async function readRollupState(storage: Storage): Promise<RollupState | null> {
  const [[row]] = (await storage.read([{ sql: 'SELECT * FROM rollup_state', params: [] }])) as [SqlRow[]];
  return row ? toState(row) : null;
}

function toState(row: SqlRow): StoredRollupState {
  return {
    timezone: String(row.timezone),
    firstDay: Number(row.first_day),
    rolledUntil: Number(row.rolled_until),
    checkedAt: Number(row.checked_at),
    purgedBefore: Number(row.purged_before),
  };
}

/** The roll-ups of one store in one reporting time zone. */
export class RollupMaintainer {
  private _running: Promise<void> | null = null;
  private _timer: NodeJS.Timeout | undefined;
  private _stopped = false;

  /**
   * @param storage - the store
   * @param zone - the reporting time zone
   * @param clock - the current time
   * @param logError - where a failed pass is reported (the next one tries again)
   * @param intervalMs - time between two passes
   */
  constructor(
    private readonly storage: Storage,
    private readonly zone: string,
    private readonly clock: () => Date,
    private readonly logError: (error: unknown) => void,
    private readonly intervalMs = INTERVAL_MS,
  ) {}

  /** Run a pass now and then every `intervalMs` (skipped while one runs); the timer does not keep the process alive. */
  start(): void {
    const tick = () => {
      if (!this._running) this.run().catch(this.logError);
    };
    tick();
    this._timer = setInterval(tick, this.intervalMs);
    this._timer.unref();
  }

  /** Stop the timer and wait for a pass under way. */
  async stop(): Promise<void> {
    this._stopped = true;
    clearInterval(this._timer);
    await this._running?.catch(() => {});
  }

  /** A whole pass that starts now, or right after the one under way; resolves when it is done. */
  run(): Promise<void> {
    const pass = (this._running ?? Promise.resolve()).catch(() => {}).then(() => this._locked());
    const running = pass.finally(() => {
      if (this._running === running) this._running = null;
    });
    this._running = running;
    return pass;
  }

  private async _locked(): Promise<void> {
    const release = await this.storage.lockRollups();
    if (!release) return;
    try {
      await this._pass();
    } finally {
      await release();
    }
  }

  private async _pass(): Promise<void> {
    const { storage, zone } = this;
    const dialect = dialectOf(storage.kind);
    const now = this.clock().getTime();
    const [[state], [first], dirtyRows] = await storage.read([
      { sql: 'SELECT * FROM rollup_state', params: [] },
      { sql: 'SELECT MIN(started_at) AS first FROM visits', params: [] },
      { sql: 'SELECT DISTINCT started_at FROM rollup_dirty', params: [] },
    ]);
    if (first?.first === null || first?.first === undefined) return;
    const firstDataDay = localDay(zone, Number(first.first));
    const closedUntil = localDay(zone, now - GRACE_MS) - 1;
    let current = state ? toState(state) : null;
    const changes: RollupChange[] = [];
    if (!current || current.timezone !== zone || firstDataDay < current.firstDay) {
      // Nothing yet, another time zone, or older data than what was rolled: start over.
      current = {
        timezone: zone,
        firstDay: firstDataDay,
        rolledUntil: firstDataDay - 1,
        checkedAt: now - CHECK_MARGIN_MS,
        purgedBefore: firstDataDay,
      };
      changes.push({ reset: true, days: [], state: current });
    } else if (firstDataDay > current.firstDay) {
      // The retention purge removed the days before.
      current = { ...current, firstDay: firstDataDay, purgedBefore: firstDataDay };
      changes.push({ dropBefore: firstDataDay, days: [], state: current });
    }
    for (const change of changes) await storage.writeRollups(change);

    // Rolled days that changed: events arrived for their visits since the last pass, erasures, the purge.
    const dirty = new Set<number>();
    const clean = dirtyRows!.map((row) => Number(row.started_at));
    for (const startedAt of clean) dirty.add(localDay(zone, startedAt));
    if (current.rolledUntil >= current.firstDay) {
      const late = await storage.read([
        {
          sql: `SELECT DISTINCT v.started_at AS started_at FROM events e JOIN visits v ON v.id = e.visit_key
                WHERE e.received_at >= ${dialect.placeholder(1, 'timestamp')} AND v.started_at < ${dialect.placeholder(2, 'int')}`,
          params: [new Date(current.checkedAt).toISOString(), dayStart(zone, current.rolledUntil + 1)],
        },
      ]);
      for (const row of late[0]!) dirty.add(localDay(zone, Number(row.started_at)));
    }
    const checkedAt = now - CHECK_MARGIN_MS;
    const { firstDay, rolledUntil } = current;
    const rebuild = [...dirty].filter((day) => day >= firstDay && day <= rolledUntil).sort((a, b) => a - b);
    for (const day of rebuild) await this._roll(day, current);
    current = { ...current, checkedAt };
    await storage.writeRollups({ days: [], state: current, clean });

    // Newly closed days, one at a time: each is usable as soon as it is written.
    for (let day = current.rolledUntil + 1; day <= closedUntil && !this._stopped; day++) {
      current = { ...current, rolledUntil: day };
      await this._roll(day, current);
    }
  }

  /** Count day `day` and write it with the state `state`. */
  private async _roll(day: number, state: StoredRollupState): Promise<void> {
    const plan = planRollupDay(day, this.zone, state.firstDay, dialectOf(this.storage.kind));
    const rolled = plan.read(await this.storage.read(plan.statements));
    await this.storage.writeRollups({ days: [rolled], state });
  }
}
