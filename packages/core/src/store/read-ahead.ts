import type Database from 'better-sqlite3';

/** Most rows read per window: a resume in written order costs one range scan per this many lookups. */
export const READ_AHEAD_ROWS = 2_048;

/** Fewest rows read per window: what a lookup costs at most on top of its point query when windows do not pay. */
const MIN_WINDOW_ROWS = 8;

/** Windows kept: the one being served and the one before (lanes run somewhat out of order). */
const WINDOWS_KEPT = 2;

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
 * Only rows that exist are kept, and stored rows are never changed, so a window never answers
 * differently from the table: a key not in a window is looked up directly (a first run, whose
 * rows do not exist yet, costs what a point lookup costs).
 */
export class ReadAhead<Row extends { key: string }> {
  #windows: Map<string, Row>[] = [];
  /** Lookups the windows served since the last one was read. */
  #hits = 0;

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
    for (let i = this.#windows.length - 1; i >= 0; i--) {
      const hit = this.#windows[i]!.get(key);
      if (hit !== undefined) {
        this.#hits++;
        return hit;
      }
    }
    const row = this.point.get(key);
    if (row === undefined) return undefined;
    // Found outside the windows: the rows written after it are the ones likely asked for next.
    this.#readFrom(row._rowid);
    return row;
  }

  #readFrom(rowid: number): void {
    const rows = Math.min(this.maxRows, Math.max(MIN_WINDOW_ROWS, this.#hits * 2));
    this.#hits = 0;
    const window = new Map<string, Row>();
    for (const row of this.after.all(rowid, rows)) window.set(row.key, row);
    this.#windows.push(window);
    if (this.#windows.length > WINDOWS_KEPT) this.#windows.shift();
  }
}
