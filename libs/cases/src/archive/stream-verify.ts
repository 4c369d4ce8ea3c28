import { checkLink, GENESIS_HASH, type Queryable } from '@yishi/event-store';

export interface ArchivedEvent {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly actorId: string | null;
  readonly occurredAt: string | null;
  readonly recordedAt: string;
  /** SHA-256 of this link of the stream's hash chain, hex. */
  readonly hash: string;
}

export interface StreamVerification {
  readonly streamId: string;
  readonly ok: boolean;
  readonly events: number;
  /** The stream head's hash (the last event's), hex; what a copy of the archive is checked against. */
  readonly headHash: string | null;
  /** The first broken link, when not ok. */
  readonly brokenAt: { readonly position: number; readonly reason: string } | null;
}

interface Row {
  stream_position: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: { actorId?: string; occurredAt?: string };
  data_text: string;
  metadata_text: string;
  hash: Buffer;
  recorded_at: Date;
}

/**
 * One stream's events with their hashes, and the chain recomputed from the stored fields (the same
 * formula as `npm run verify`, for this stream only): an edited, missing or truncated event breaks it.
 */
export async function readVerifiedStream(
  db: Queryable,
  streamId: string,
): Promise<{ events: ArchivedEvent[]; verification: StreamVerification }> {
  const [{ rows }, head] = await Promise.all([
    db.query<Row>(
      `SELECT stream_position, event_id, type, schema_version, data, metadata,
              data::text AS data_text, metadata::text AS metadata_text, hash, recorded_at
         FROM events WHERE stream_id = $1 ORDER BY stream_position`,
      [streamId],
    ),
    db.query<{ version: string; last_hash: Buffer }>(
      `SELECT version, last_hash FROM streams WHERE stream_id = $1`,
      [streamId],
    ),
  ]);
  let previous: Buffer = GENESIS_HASH;
  let brokenAt: StreamVerification['brokenAt'] = null;
  for (const [i, r] of rows.entries()) {
    const checked = checkLink(streamId, previous, i + 1, r);
    if (!checked.ok) {
      brokenAt = { position: i + 1, reason: checked.reason };
      break;
    }
    previous = checked.hash;
  }
  const stream = head.rows[0];
  if (
    brokenAt === null &&
    (stream === undefined ||
      Number(stream.version) !== rows.length ||
      !stream.last_hash.equals(previous))
  )
    brokenAt = { position: rows.length, reason: 'the stream head does not match its events' };
  return {
    events: rows.map((r) => ({
      position: Number(r.stream_position),
      eventId: r.event_id,
      type: r.type,
      data: r.data,
      actorId: r.metadata.actorId ?? null,
      occurredAt: r.metadata.occurredAt ?? null,
      recordedAt: r.recorded_at.toISOString(),
      hash: r.hash.toString('hex'),
    })),
    verification: {
      streamId,
      ok: brokenAt === null,
      events: rows.length,
      headHash: brokenAt === null && rows.length > 0 ? previous.toString('hex') : null,
      brokenAt,
    },
  };
}
