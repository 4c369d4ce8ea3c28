/**
 * Where the grid worker's round keeps what it must not lose: the outbox's entries (demands written
 * down without signal, their photos as Blobs) and the last lists the round page read (units,
 * grids, demands), in IndexedDB through `idb` (a thin promise wrapper; the transactions here are
 * its plain ones). Entries are written with `durability: 'strict'`: the write is on disk before
 * the form says 已保存, not only in the browser's buffers.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type DemandCategory, type SubmitLedgerDemand } from '../../api/types';

/** What the worker wrote down, as the API takes it (without the id and the photos' ids). */
export interface DemandDraft {
  readonly content: string;
  readonly category: DemandCategory;
  readonly source: Extract<SubmitLedgerDemand['source'], 'door-to-door' | 'grid-patrol'>;
  readonly unitId: string | null;
  /** A building without a unit (the room not known); null with a unit. */
  readonly place: { readonly estate: string; readonly building: string } | null;
  readonly onBehalfOf: { readonly name: string; readonly phone: string | null } | null;
  /** The place as people say it (金泰和庄 10号楼1单元101), shown while the entry waits. */
  readonly placeText: string;
}

export interface OutboxPhoto {
  /** Names the photo within its entry; with the entry's id, the upload's Idempotency-Key. */
  readonly key: string;
  readonly blob: Blob;
  /** Set once the upload answered: the photo is never sent twice for one entry. */
  readonly uploadId: string | null;
}

/** Why the API refused an entry (a 4xx that sending again cannot change). */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  /** In Chinese, for the worker. */
  readonly message: string;
  readonly at: string;
}

export interface OutboxEntry {
  /** The demand's id, made on the phone when the entry was: sending it again finds the demand. */
  readonly id: string;
  /** Who wrote it down: only they send it (the API answers a repeated id to its submitter only). */
  readonly userId: string;
  readonly communityId: string;
  readonly createdAt: string;
  readonly draft: DemandDraft;
  readonly photos: readonly OutboxPhoto[];
  /** pending: will be sent; refused: kept with the reason until the worker edits or deletes it. */
  readonly state: 'pending' | 'refused';
  readonly refusal: Refusal | null;
  readonly attempts: number;
  readonly lastTriedAt: string | null;
  /** Why the last try did not get through (no signal, a server error), in Chinese; or null. */
  readonly lastError: string | null;
}

interface RoundDB extends DBSchema {
  entries: { key: string; value: OutboxEntry };
  cache: { key: string; value: unknown };
}

export const ROUND_DB = 'yishi-round';
const STRICT = { durability: 'strict' } as const;

export class OutboxStore {
  private constructor(private readonly db: IDBPDatabase<RoundDB>) {}

  static async open(name = ROUND_DB): Promise<OutboxStore> {
    const db = await openDB<RoundDB>(name, 1, {
      upgrade(database) {
        database.createObjectStore('entries', { keyPath: 'id' });
        database.createObjectStore('cache');
      },
    });
    return new OutboxStore(db);
  }

  /** Every entry on this phone, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    const all = await this.db.getAll('entries');
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  get(id: string): Promise<OutboxEntry | undefined> {
    return this.db.get('entries', id);
  }

  async put(entry: OutboxEntry): Promise<void> {
    const tx = this.db.transaction('entries', 'readwrite', STRICT);
    await Promise.all([tx.store.put(entry), tx.done]);
  }

  /**
   * Reads and rewrites one entry in a single transaction (`change` returns the new entry, or null
   * to delete it); nothing when the entry is gone. Answers the entry as written.
   */
  async change(
    id: string,
    change: (entry: OutboxEntry) => OutboxEntry | null,
  ): Promise<OutboxEntry | null> {
    const tx = this.db.transaction('entries', 'readwrite', STRICT);
    const entry = await tx.store.get(id);
    let written: OutboxEntry | null = null;
    if (entry !== undefined) {
      written = change(entry);
      if (written === null) await tx.store.delete(id);
      else await tx.store.put(written);
    }
    await tx.done;
    return written;
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction('entries', 'readwrite', STRICT);
    await Promise.all([tx.store.delete(id), tx.done]);
  }

  async cached<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('cache', key)) as T | undefined;
  }

  async keep(key: string, value: unknown): Promise<void> {
    await this.db.put('cache', value, key);
  }

  close(): void {
    this.db.close();
  }
}
