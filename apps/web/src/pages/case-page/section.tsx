import { type ReactNode } from 'react';

/** One card of the case page under its heading. */
export function Section(props: { title: string; children: ReactNode }) {
  return (
    <section className="card section">
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}
