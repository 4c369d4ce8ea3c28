import { type QueryResult, type QueryResultRow } from 'pg';

/** A pool or a client in a transaction: anything that runs one statement. */
export interface Db {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}
