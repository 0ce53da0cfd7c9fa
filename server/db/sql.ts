// SQL written as text the reader can see, with every value a $n parameter (after pg_featureserv's
// templates). `sql` is a tagged template: interpolated values become parameters, interpolated fragments
// are inlined (their parameters renumbered), so queries compose from small named pieces.
//
//   const inCommunity = sql`item.community_id = ${communityId}`;
//   const query = sql`SELECT id FROM incidents AS item WHERE ${inCommunity} AND item.status = ANY(${statuses}::text[])`;
//   await pool.query(query.text, query.values);   // or query(pool, query)

import type pg from 'pg';

const FRAGMENT = Symbol('sql.fragment');

/** A piece of SQL: text parts with values between them. Values never become text. */
export interface SqlFragment {
  readonly [FRAGMENT]: true;
  readonly parts: readonly string[];
  readonly values: readonly unknown[];
}

function fragment(parts: readonly string[], values: readonly unknown[]): SqlFragment {
  return { [FRAGMENT]: true, parts, values };
}

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FRAGMENT] === true;
}

/** The tagged template. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  const parts: string[] = [strings[0]];
  const flat: unknown[] = [];
  values.forEach((value, index) => {
    if (isSqlFragment(value)) {
      // Inline the fragment: its first part joins the current text, its values follow in order.
      parts[parts.length - 1] += value.parts[0];
      for (let inner = 0; inner < value.values.length; inner++) {
        flat.push(value.values[inner]);
        parts.push(value.parts[inner + 1]);
      }
      parts[parts.length - 1] += strings[index + 1];
    } else {
      flat.push(value);
      parts.push(strings[index + 1]);
    }
  });
  return fragment(parts, flat);
}

/**
 * SQL text written in the code (a column list, an identifier from a constant table, an ORDER BY), never
 * anything from a request: that must go in as a value.
 */
sql.raw = (text: string): SqlFragment => fragment([text], []);

/** Fragments joined by a separator, e.g. conditions by ' AND '. */
sql.join = (fragments: readonly SqlFragment[], separator: string): SqlFragment => {
  if (fragments.length === 0) return sql.raw('');
  return fragments.slice(1).reduce((joined, next) => sql`${joined}${sql.raw(separator)}${next}`, fragments[0]);
};

/** The fragment as node-postgres takes it: text with $1…$n and the values in order. */
export function toQuery(query: SqlFragment): { text: string; values: unknown[] } {
  let text = query.parts[0];
  for (let index = 1; index < query.parts.length; index++) text += `$${index}${query.parts[index]}`;
  return { text, values: [...query.values] };
}

/** Runs a fragment on a pool or a client. */
export function runQuery<Row extends pg.QueryResultRow>(client: pg.Pool | pg.ClientBase, query: SqlFragment): Promise<pg.QueryResult<Row>> {
  const { text, values } = toQuery(query);
  return client.query<Row>(text, values);
}
