/**
 * Counts the Cypher statements a driver runs (driver.executeQuery, session.run, and tx.run
 * inside executeRead/executeWrite/beginTransaction), to show that a GraphQL request costs a
 * fixed number of statements however deep or wide its selection is (no N+1).
 */
import type { Driver } from 'neo4j-driver';

export interface StatementCounter {
  readonly driver: Driver;
  /** Statements run since the last reset, in order. */
  readonly statements: string[];
  reset(): void;
}

export function countStatements(inner: Driver): StatementCounter {
  const statements: string[] = [];
  const record = (q: unknown) => statements.push(typeof q === 'string' ? q : String((q as { text?: string })?.text ?? q));
  const wrapRunner = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop, recv) {
        const v = Reflect.get(t, prop, recv);
        if (typeof v !== 'function') return v;
        if (prop === 'run')
          return (q: unknown, ...rest: unknown[]) => {
            record(q);
            return (v as (...a: unknown[]) => unknown).call(t, q, ...rest);
          };
        if (prop === 'executeRead' || prop === 'executeWrite') return (work: (tx: object) => unknown, ...rest: unknown[]) => (v as (...a: unknown[]) => unknown).call(t, (tx: object) => work(wrapRunner(tx)), ...rest);
        if (prop === 'beginTransaction') return (...a: unknown[]) => wrapRunner((v as (...a: unknown[]) => object).apply(t, a));
        return v.bind(t);
      },
    });
  const driver = new Proxy(inner, {
    get(t, prop, recv) {
      const v = Reflect.get(t, prop, recv);
      if (prop === 'session') return (...a: unknown[]) => wrapRunner((v as (...a: unknown[]) => object).apply(t, a));
      if (prop === 'executeQuery')
        return (q: unknown, ...rest: unknown[]) => {
          record(q);
          return (v as (...a: unknown[]) => unknown).call(t, q, ...rest);
        };
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
  return { driver, statements, reset: () => void statements.splice(0) };
}
