import { createHash } from 'node:crypto';

export const GENESIS_HASH = Buffer.alloc(32);
const US = '\u001f';

export interface HashedFields {
  readonly streamId: string;
  readonly streamPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** `data::text` and `metadata::text` exactly as PostgreSQL renders the stored jsonb. */
  readonly dataText: string;
  readonly metadataText: string;
}

/** The same formula as `append_events` and `append_event` in the migrations. */
export function chainHash(previous: Buffer, e: HashedFields): Buffer {
  return createHash('sha256')
    .update(previous)
    .update(
      [
        e.streamId,
        String(e.streamPosition),
        e.eventId,
        e.type,
        String(e.schemaVersion),
        e.dataText,
        e.metadataText,
      ].join(US),
      'utf8',
    )
    .digest();
}
