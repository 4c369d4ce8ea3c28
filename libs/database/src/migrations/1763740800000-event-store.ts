import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The event store: `events` is the log and the outbox; `streams` holds each stream's version and the
 * hash of its last event; `append_events` appends in one statement (one round trip, atomic).
 *
 * Hash chain: hash(n) = sha256(hash(n-1) || stream_id US position US event_id US type US
 * schema_version US data::text US metadata::text), US = U+001F, hash(0) = 32 zero bytes.
 * `npm run verify` recomputes it in Node from the same fields.
 */
export class EventStore1763740800000 implements MigrationInterface {
  name = 'EventStore1763740800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE streams (
        stream_id  text PRIMARY KEY,
        version    bigint NOT NULL CHECK (version >= 1),
        last_hash  bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL CHECK (length(stream_id) BETWEEN 1 AND 200 AND stream_id !~ '[[:cntrl:]]'),
        stream_position bigint NOT NULL CHECK (stream_position >= 1),
        event_id        uuid NOT NULL,
        type            text NOT NULL CHECK (length(type) BETWEEN 1 AND 200 AND type !~ '[[:cntrl:]]'),
        schema_version  integer NOT NULL CHECK (schema_version >= 1),
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        hash            bytea NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_position_key UNIQUE (stream_id, stream_position)
      )`);
    // The relay and projections read by (transaction_id, global_position).
    await q.query(
      `CREATE INDEX events_transaction_position_idx ON events (transaction_id, global_position)`,
    );

    await q.query(`
      CREATE TABLE subscription_checkpoints (
        name            text PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT '0',
        global_position bigint NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE FUNCTION append_events(p_stream_id text, p_expected bigint, p_events jsonb)
      RETURNS TABLE (next_version bigint, first_position bigint, last_position bigint, transaction_id xid8)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_count   integer := jsonb_array_length(p_events);
        v_found   boolean;
        v_version bigint;
        v_hash    bytea;
        v_hashes  bytea[] := ARRAY[]::bytea[];
        v_event   jsonb;
        v_i       integer := 0;
        v_first   bigint;
        v_last    bigint;
      BEGIN
        IF v_count = 0 THEN
          RAISE EXCEPTION 'append_events: no events' USING ERRCODE = '22023';
        END IF;

        SELECT s.version, s.last_hash INTO v_version, v_hash
          FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
        v_found := FOUND;
        IF NOT v_found THEN
          v_version := 0;
          v_hash := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
        END IF;
        -- p_expected NULL = any; 0 = no stream; n = the stream's current version.
        IF p_expected IS NOT NULL AND p_expected <> v_version THEN
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'YS409',
            DETAIL = json_build_object('expected', p_expected, 'actual', v_version)::text;
        END IF;

        FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
          v_i := v_i + 1;
          v_hash := sha256(v_hash || convert_to(
            p_stream_id || chr(31) || (v_version + v_i)::text || chr(31) || (v_event->>'id') || chr(31) ||
            (v_event->>'type') || chr(31) || (v_event->>'schemaVersion') || chr(31) ||
            (v_event->'data')::text || chr(31) || (v_event->'metadata')::text, 'UTF8'));
          v_hashes := v_hashes || v_hash;
        END LOOP;

        -- A concurrent first append to the same new stream fails here with a unique violation on
        -- events_stream_position_key, which the client maps to a concurrency conflict.
        WITH inserted AS (
          INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
          SELECT p_stream_id, v_version + e.ord, (e.value->>'id')::uuid, e.value->>'type',
                 (e.value->>'schemaVersion')::integer, e.value->'data', e.value->'metadata', v_hashes[e.ord]
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
          RETURNING global_position
        )
        SELECT min(global_position), max(global_position) INTO v_first, v_last FROM inserted;

        IF v_found THEN
          UPDATE streams SET version = v_version + v_count, last_hash = v_hash, updated_at = now()
           WHERE stream_id = p_stream_id;
        ELSE
          INSERT INTO streams (stream_id, version, last_hash) VALUES (p_stream_id, v_count, v_hash);
        END IF;

        RETURN QUERY SELECT v_version + v_count, v_first, v_last, pg_current_xact_id();
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION append_events(text, bigint, jsonb)`);
    await q.query(`DROP TABLE subscription_checkpoints`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP TABLE streams`);
  }
}
