import { type Pool } from 'pg';
import { chainHash, GENESIS_HASH } from './hash-chain';

export interface ChainBreak {
  readonly streamId: string;
  /** The first position whose stored hash, position or presence is wrong. */
  readonly streamPosition: number;
  readonly eventId: string | null;
  readonly globalPosition: number | null;
  readonly reason: string;
}

export interface VerifyReport {
  readonly streams: number;
  readonly events: number;
  readonly breaks: ChainBreak[];
}

interface Row {
  stream_id: string;
  stream_position: string;
  event_id: string;
  global_position: string;
  type: string;
  schema_version: number;
  data_text: string;
  metadata_text: string;
  hash: Buffer;
}

/** A stored event as the chain check reads it. */
export interface StoredLink {
  readonly stream_position: string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data_text: string;
  readonly metadata_text: string;
  readonly hash: Buffer;
}

/**
 * One link of a stream's chain: the stored event at the position the chain expects, whose stored
 * hash is the one recomputed from its fields after `previous`. Returns the hash to chain on from,
 * or why the link is broken.
 */
export function checkLink(
  streamId: string,
  previous: Buffer,
  expectedPosition: number,
  row: StoredLink,
): { ok: true; hash: Buffer } | { ok: false; reason: string } {
  const position = Number(row.stream_position);
  if (position !== expectedPosition)
    return {
      ok: false,
      reason: `position ${expectedPosition} is missing (next stored is ${position})`,
    };
  const computed = chainHash(previous, {
    streamId,
    streamPosition: position,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    dataText: row.data_text,
    metadataText: row.metadata_text,
  });
  if (!computed.equals(row.hash))
    return { ok: false, reason: 'stored hash does not match the event (edited event or hash)' };
  return { ok: true, hash: computed };
}

interface StreamState {
  id: string;
  expectedPosition: number;
  previous: Buffer;
  broken: boolean;
}

/**
 * Recomputes every stream's hash chain from the stored fields and reports, per stream, the first
 * broken link: an edited event (hash mismatch), a missing or inserted one (position gap), or a
 * truncated tail (the stream's version or last hash does not match its events).
 */
export async function verifyHashChains(pool: Pool, batchSize = 5000): Promise<VerifyReport> {
  const breaks: ChainBreak[] = [];
  const heads = new Map<string, { version: number; lastHash: Buffer }>();
  {
    const { rows } = await pool.query<{ stream_id: string; version: string; last_hash: Buffer }>(
      'SELECT stream_id, version, last_hash FROM streams',
    );
    for (const r of rows)
      heads.set(r.stream_id, { version: Number(r.version), lastHash: r.last_hash });
  }

  let events = 0;
  const seen = new Set<string>();
  let current: StreamState | undefined;
  const finish = (s: StreamState): void => {
    seen.add(s.id);
    if (s.broken) return;
    const head = heads.get(s.id);
    const last = s.expectedPosition - 1;
    if (head === undefined) {
      breaks.push({
        streamId: s.id,
        streamPosition: 1,
        eventId: null,
        globalPosition: null,
        reason: 'events without a stream row',
      });
    } else if (head.version !== last || !head.lastHash.equals(s.previous)) {
      breaks.push({
        streamId: s.id,
        streamPosition: Math.min(head.version, last) + 1,
        eventId: null,
        globalPosition: null,
        reason: `stream version ${head.version} does not match its ${last} events (events missing from the end, or the head was altered)`,
      });
    }
  };

  let after: [string, number] = ['', 0];
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT stream_id, stream_position, event_id, global_position, type, schema_version,
              data::text AS data_text, metadata::text AS metadata_text, hash
         FROM events WHERE (stream_id, stream_position) > ($1, $2)
        ORDER BY stream_id, stream_position LIMIT $3`,
      [after[0], after[1], batchSize],
    );
    for (const r of rows) {
      events += 1;
      if (current === undefined || current.id !== r.stream_id) {
        if (current !== undefined) finish(current);
        current = { id: r.stream_id, expectedPosition: 1, previous: GENESIS_HASH, broken: false };
      }
      if (current.broken) continue;
      const link = {
        streamId: r.stream_id,
        eventId: r.event_id,
        globalPosition: Number(r.global_position),
      };
      const checked = checkLink(r.stream_id, current.previous, current.expectedPosition, r);
      if (!checked.ok) {
        breaks.push({ ...link, streamPosition: current.expectedPosition, reason: checked.reason });
        current.broken = true;
        continue;
      }
      current.previous = checked.hash;
      current.expectedPosition += 1;
    }
    const last = rows[rows.length - 1];
    if (last === undefined) break;
    after = [last.stream_id, Number(last.stream_position)];
  }
  if (current !== undefined) finish(current);
  for (const [streamId] of heads) {
    if (!seen.has(streamId)) {
      breaks.push({
        streamId,
        streamPosition: 1,
        eventId: null,
        globalPosition: null,
        reason: 'stream row without events',
      });
    }
  }
  return { streams: heads.size, events, breaks };
}
