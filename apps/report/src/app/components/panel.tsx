import type { ReactNode } from 'react';

/** A titled panel of the report (`section.panel`), with an optional note under the title. */
export function Panel({
  title,
  note,
  testid,
  children,
}: {
  title: string;
  note?: string;
  testid?: string;
  children: ReactNode;
}) {
  return (
    <section className="panel" data-testid={testid}>
      <h2 className="panel-title">{title}</h2>
      {note && <p className="panel-note">{note}</p>}
      {children}
    </section>
  );
}
