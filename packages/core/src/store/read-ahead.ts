import type Database from 'better-sqlite3';

/**
 * Most rows read per window: a resume in written order costs one range scan per this many lookups.
 * Small enough that a window's rows are mostly let go before a young-generation collection would
 * promote them: 2,048-row windows left the heap ~10 MB more live data and ~30 MB more peak RSS at
 * 100,000 lookups, for about the same CPU.
 */
export const READ_AHEAD_ROWS = 256;

/** Fewest rows read per window: what a lookup costs at most on top of its point query when windows do not pay. */
const MIN_WINDOW_ROWS = 8;

/** Windows kept: the one being served and those before it (lanes run somewhat out of order). */
const WINDOWS_KEPT = 3;

/**
 * Point lookups by key served from windows of rows read in `rowid` order. A store is written in
 * roughly the order a run asks for its calls (items in order, lanes a few items apart), so on a
 * resume the next lookups are almost always among the rows written just after the last one found:
 * one point query finds a row, one range scan reads the {@link READ_AHEAD_ROWS} rows after it, and
 * the lookups that follow are map hits instead of one B-tree search (and statement call) each.
 *
 * The window follows its use: twice the hits the last window served (between
 * {@link MIN_WINDOW_ROWS} and {@link READ_AHEAD_ROWS}), so lookups in written order soon read
 * big windows while lookups in no order read a few rows per point query instead of thousands.
 *
 * Windows never overlap: a window reads on from the end of a kept window just before its row
 * (so windows stay contiguous and a lookup a little out of order still finds its row) and stops
 * where a kept window after it begins, so a row asked a little late (its own window let go) does
 * not read again the rows the windows hold. The window least recently used is let go first.
 *
 * Only rows that exist are kept, and stored rows are never changed, so a window never answers
 * differently from the table: a key not in a window is looked up directly (a first run, whose
 * rows do not exist yet, costs what a point lookup costs).
 */
export class ReadAhead<Row extends { key: string }> {
  #windows: Window<Row>[] = [];
  /** Lookups the windows served since the last one was read. */
  #hits = 0;
  /** Lookups so far: when each window was last used. */
  #clock = 0;

  /**
   * @param point the row (with its `rowid` as `_rowid`) under one key
   * @param after up to `limit` rows whose rowid is above the one given, in rowid order (each with `_rowid`)
   */
  constructor(
    private readonly point: Database.Statement<[string], Row & { _rowid: number }>,
    private readonly after: Database.Statement<[number, number], Row & { _rowid: number }>,
    private readonly maxRows = READ_AHEAD_ROWS,
  ) {}

  /** The row under `key`, or undefined. */
  get(key: string): Row | undefined {
    this.#clock++;
    for (let i = this.#windows.length - 1; i >= 0; i--) {
      const window = this.#windows[i]!;
      const hit = window.rows.get(key);
      if (hit !== undefined) {
        this.#hits++;
        window.used = this.#clock;
        return hit;
      }
    }
    const row = this.point.get(key);
    if (row === undefined) return undefined;
    // Found outside the windows: the rows written after it are the ones likely asked for next.
    this.#readFrom(row);
    return row;
  }

  /** Reads a window of the rows after `found` (and those between it and a kept window just before), and keeps `found` in it. */
  #readFrom(found: Row & { _rowid: number }): void {
    const rowid = found._rowid;
    const rows = Math.min(this.maxRows, Math.max(MIN_WINDOW_ROWS, this.#hits * 2));
    this.#hits = 0;
    // The nearest kept windows before and after the row: read on from the one before when the
    // gap is small, and stop where the one after begins.
    let before = 0;
    let upTo = Number.POSITIVE_INFINITY;
    for (const window of this.#windows) {
      if (window.last < rowid) before = Math.max(before, window.last);
      if (window.first > rowid) upTo = Math.min(upTo, window.first - 1);
    }
    // Else start a little before the row too: lookups a little out of order ask those next.
    const from = before > 0 && rowid - before <= rows ? before : Math.max(before, rowid - 1 - (rows >> 1));
    const limit = Math.min(rows + (rowid - from), upTo - from);
    const window: Window<Row> = {
      rows: new Map([[found.key, found]]),
      first: Math.min(from + 1, rowid),
      last: rowid,
      used: this.#clock,
    };
    if (limit > 0) {
      for (const row of this.after.all(from, limit)) {
        window.rows.set(row.key, row);
        window.last = Math.max(window.last, row._rowid);
      }
    }
    this.#windows.push(window);
    if (this.#windows.length > WINDOWS_KEPT) {
      let oldest = 0;
      for (let i = 1; i < this.#windows.length; i++)
        if (this.#windows[i]!.used < this.#windows[oldest]!.used) oldest = i;
      this.#windows.splice(oldest, 1);
    }
  }
}

/** Rows read in one range scan: the rowids from `first` to `last`, and when a lookup last used them. */
interface Window<Row> {
  rows: Map<string, Row>;
  first: number;
  last: number;
  used: number;
}
