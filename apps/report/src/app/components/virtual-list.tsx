import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

/**
 * A windowed list of fixed-height rows: only the rows in view (plus a few) are in the DOM, so
 * 64,000 answers scroll like 60.
 */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  scrollToIndex,
  testid,
}: {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  /** Brings this row into view when it changes (a selection from the URL). */
  scrollToIndex?: number;
  testid?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (el === null || scrollToIndex === undefined || scrollToIndex < 0) return;
    const top = scrollToIndex * rowHeight;
    if (top < el.scrollTop || top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
  }, [scrollToIndex, rowHeight]);
  useEffect(() => {
    // A new, shorter list: start from the top rather than past its end.
    if (ref.current !== null && ref.current.scrollTop > count * rowHeight) ref.current.scrollTop = 0;
  }, [count, rowHeight]);
  const overscan = 6;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="vlist"
      data-testid={testid}
      data-count={count}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-inner" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
