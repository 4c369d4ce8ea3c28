import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `append_batch`: several appends to distinct streams in one statement and one transaction (group
 * commit: one round trip and one WAL flush for all of them). The event store's in-process batcher
 * sends the appends that arrived while earlier batches were in flight.
 *
 * Each append is checked and reported on its own, and a conflict never aborts its batch-mates: the
 * function raises nothing for versions and returns one row per append, in input order, with
 * outcome 'ok' (existing stream), 'new' (stream created), 'conflict' (with the actual version) or
 * 'retry' (an 'any' append lost the race to create its stream: the client sends it again).
 *
 * Locking: existing stream rows are locked in stream-id order, so concurrent batches cannot
 * deadlock. A new stream is claimed the way `append_event` and `append_events` claim it, by
 * inserting its first event: a concurrent creator meets (stream_id, 1) first. Here that insert
 * is ON CONFLICT (stream_id, stream_position) DO NOTHING and its RETURNING says which claims won;
 * a lost claim is reported as a conflict (or retry), never as success. All three functions take
 * the events row before the streams row of a new stream, so they cannot deadlock on each other.
 *
 * Hash chain: the formula of the event-store migration. Events are passed as parallel arrays (one
 * element per event, appends in order, `p_counts` events each); metadata is one per append.
 */
export class AppendBatch1769000000000 implements MigrationInterface {
  name = 'AppendBatch1769000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_batch(
        p_stream_ids text[], p_expected bigint[], p_counts integer[], p_metadata jsonb[],
        p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[])
      RETURNS TABLE (outcome text, next_version bigint, first_position bigint, last_position bigint,
                     actual_version bigint, transaction_id xid8)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_n        integer := coalesce(cardinality(p_stream_ids), 0);
        v_events   integer := coalesce(cardinality(p_event_ids), 0);
        v_zero     bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
        -- Per append.
        v_version  bigint[];  -- the stream's version before the append; NULL: no such stream
        v_hash     bytea[];   -- the stream's last hash, then the append's last hash
        v_outcome  text[]   := array_fill(NULL::text, ARRAY[v_n]);
        v_next     bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
        v_actual   bigint[] := array_fill(NULL::bigint, ARRAY[v_n]);
        v_first_ev integer[] := array_fill(NULL::integer, ARRAY[v_n]);
        -- Per event: the append it belongs to, its position and hash (NULL hash: not inserted).
        v_ev_app   integer[] := array_fill(NULL::integer, ARRAY[v_events]);
        v_ev_pos   bigint[]  := array_fill(NULL::bigint, ARRAY[v_events]);
        v_ev_hash  bytea[]   := array_fill(NULL::bytea, ARRAY[v_events]);
        -- First events inserted to claim new streams: stream and global position.
        v_claim_stream text[] := ARRAY[]::text[];
        v_claim_pos    bigint[] := ARRAY[]::bigint[];
        v_distinct bigint;
        v_i        integer;
        v_j        integer;
        v_e        integer := 0;
        v_base     bigint;
        v_h        bytea;
        v_new      boolean := false;
      BEGIN
        -- Few SQL statements on the common path (existing streams): each costs more than the
        -- per-append work, so checks are plain expressions or ride along with the lock query.
        IF v_n = 0 OR cardinality(p_expected) <> v_n OR cardinality(p_counts) <> v_n
           OR cardinality(p_metadata) <> v_n OR cardinality(p_types) <> v_events
           OR cardinality(p_schema_versions) <> v_events OR cardinality(p_data) <> v_events THEN
          RAISE EXCEPTION 'append_batch: the arrays do not match' USING ERRCODE = '22023';
        END IF;

        -- Lock the existing streams in stream-id order (LockRows runs above the sort), the same
        -- order in every batch: no deadlocks between batches.
        SELECT array_agg(l.version ORDER BY a.ord), array_agg(l.last_hash ORDER BY a.ord),
               count(DISTINCT a.stream_id)
          INTO v_version, v_hash, v_distinct
          FROM unnest(p_stream_ids) WITH ORDINALITY AS a(stream_id, ord)
          LEFT JOIN (SELECT s.stream_id, s.version, s.last_hash FROM streams s
                      WHERE s.stream_id = ANY (p_stream_ids)
                      ORDER BY s.stream_id FOR UPDATE) l ON l.stream_id = a.stream_id;
        -- Two appends to one stream would both build on its current version.
        IF v_distinct <> v_n THEN
          RAISE EXCEPTION 'append_batch: a stream appears twice' USING ERRCODE = '22023';
        END IF;

        FOR v_i IN 1 .. v_n LOOP
          IF p_counts[v_i] IS NULL OR p_counts[v_i] < 1 THEN
            RAISE EXCEPTION 'append_batch: an append without events' USING ERRCODE = '22023';
          END IF;
          v_base := coalesce(v_version[v_i], 0);
          -- p_expected NULL = any; 0 = no stream; n = the stream's current version.
          IF p_expected[v_i] IS NULL OR p_expected[v_i] = v_base THEN
            IF v_version[v_i] IS NULL THEN
              v_outcome[v_i] := 'new';
              v_new := true;
            ELSE
              v_outcome[v_i] := 'ok';
            END IF;
            v_h := coalesce(v_hash[v_i], v_zero);
            v_first_ev[v_i] := v_e + 1;
            FOR v_j IN 1 .. p_counts[v_i] LOOP
              v_e := v_e + 1;
              v_h := sha256(v_h || convert_to(
                p_stream_ids[v_i] || chr(31) || (v_base + v_j)::text || chr(31) ||
                p_event_ids[v_e]::text || chr(31) || p_types[v_e] || chr(31) ||
                p_schema_versions[v_e]::text || chr(31) || p_data[v_e]::text || chr(31) ||
                p_metadata[v_i]::text, 'UTF8'));
              v_ev_app[v_e] := v_i;
              v_ev_pos[v_e] := v_base + v_j;
              v_ev_hash[v_e] := v_h;
            END LOOP;
            v_hash[v_i] := v_h;
            v_next[v_i] := v_base + p_counts[v_i];
          ELSE
            v_outcome[v_i] := 'conflict';
            v_actual[v_i] := v_base;
            v_e := v_e + p_counts[v_i];
          END IF;
        END LOOP;
        IF v_e <> v_events THEN
          RAISE EXCEPTION 'append_batch: event counts do not add up' USING ERRCODE = '22023';
        END IF;

        IF v_new THEN
          -- Claim the new streams with their first events, in stream-id order.
          WITH claimed AS (
            INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
            SELECT p_stream_ids[a.ord], 1, e.event_id, e.type, e.schema_version, e.data,
                   p_metadata[a.ord], e.hash
              FROM unnest(v_outcome, v_first_ev) WITH ORDINALITY AS a(outcome, first_ev, ord)
              JOIN unnest(p_event_ids, p_types, p_schema_versions, p_data, v_ev_hash)
                     WITH ORDINALITY AS e(event_id, type, schema_version, data, hash, ev)
                ON e.ev = a.first_ev
             WHERE a.outcome = 'new'
             ORDER BY p_stream_ids[a.ord]
            ON CONFLICT (stream_id, stream_position) DO NOTHING
            RETURNING events.stream_id, events.global_position
          )
          SELECT coalesce(array_agg(c.stream_id), '{}'), coalesce(array_agg(c.global_position), '{}')
            INTO v_claim_stream, v_claim_pos FROM claimed c;

          FOR v_i IN 1 .. v_n LOOP
            CONTINUE WHEN v_outcome[v_i] IS DISTINCT FROM 'new';
            IF p_stream_ids[v_i] = ANY (v_claim_stream) THEN
              v_ev_hash[v_first_ev[v_i]] := NULL;  -- inserted already
            ELSE
              -- Another transaction created the stream first (it has committed by now).
              IF p_expected[v_i] IS NULL THEN
                v_outcome[v_i] := 'retry';
              ELSE
                v_outcome[v_i] := 'conflict';
                SELECT s.version INTO v_base FROM streams s WHERE s.stream_id = p_stream_ids[v_i];
                v_actual[v_i] := v_base;
              END IF;
              v_next[v_i] := NULL;
              FOR v_j IN v_first_ev[v_i] .. v_first_ev[v_i] + p_counts[v_i] - 1 LOOP
                v_ev_hash[v_j] := NULL;
              END LOOP;
            END IF;
          END LOOP;
        END IF;

        -- Every other event of the accepted appends in one INSERT, and the per-append results
        -- (rows are sent when the function returns, after the streams are moved below).
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
            SELECT p_stream_ids[e.app], e.pos, e.event_id, e.type, e.schema_version, e.data,
                   p_metadata[e.app], e.hash
              FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, v_ev_app, v_ev_pos, v_ev_hash)
                     AS e(event_id, type, schema_version, data, app, pos, hash)
             WHERE e.hash IS NOT NULL
            RETURNING events.stream_id, events.global_position
          ), positions AS (
            SELECT r.stream_id, min(r.global_position) AS first_position,
                   max(r.global_position) AS last_position
              FROM (SELECT i.stream_id, i.global_position FROM inserted i
                    UNION ALL
                    SELECT c.stream_id, c.global_position
                      FROM unnest(v_claim_stream, v_claim_pos) AS c(stream_id, global_position)) r
             GROUP BY r.stream_id
          )
          SELECT a.outcome, a.next_version, p.first_position, p.last_position, a.actual,
                 pg_current_xact_id()
            FROM unnest(p_stream_ids, v_outcome, v_next, v_actual) WITH ORDINALITY
                   AS a(stream_id, outcome, next_version, actual, ord)
            LEFT JOIN positions p ON p.stream_id = a.stream_id AND a.outcome IN ('ok', 'new')
           ORDER BY a.ord;

        UPDATE streams s SET version = u.next_version, last_hash = u.hash, updated_at = now()
          FROM unnest(p_stream_ids, v_outcome, v_next, v_hash) AS u(stream_id, outcome, next_version, hash)
         WHERE u.outcome = 'ok' AND s.stream_id = u.stream_id;
        IF v_new THEN
          INSERT INTO streams (stream_id, version, last_hash)
          SELECT u.stream_id, u.next_version, u.hash
            FROM unnest(p_stream_ids, v_outcome, v_next, v_hash) AS u(stream_id, outcome, next_version, hash)
           WHERE u.outcome = 'new'
           ORDER BY u.stream_id;
        END IF;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION append_batch(text[], bigint[], integer[], jsonb[], uuid[], text[], integer[], jsonb[])`,
    );
  }
}
