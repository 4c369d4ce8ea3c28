/**
 * The grid worker's outbox (离线待发送): demands written down on a round without signal are kept on
 * the phone and sent when it returns, never lost and never recorded twice.
 *
 * The contract:
 * - An entry is stored (IndexedDB, outbox-store.ts) before anything is sent, with the demand's id
 *   made on the phone at that moment. `POST /communities/:id/demands` with that id records the
 *   demand once: the same id sent again by its submitter answers 200 with the demand already
 *   recorded (libs/demands submit-demand), so an answer lost on the way back costs nothing.
 * - A photo is uploaded under the Idempotency-Key `<entry id>.<photo key>` (a lost answer is
 *   replayed by the API for 24 hours) and its upload id stored on the entry at once, so it is
 *   never uploaded again for that entry.
 * - An entry leaves the outbox only after a 2xx that names its id, or a refusal: a 4xx that
 *   sending again cannot change (invalid content, not allowed). A refused entry stays, with the
 *   API's reason in Chinese, until the worker edits it (it is sent again) or deletes it. No
 *   answer, a 5xx, 401 (signed out: sent once signed in again), 408, 429 and the API's "busy"
 *   conflicts keep the entry queued for the next pass.
 * - One sender at a time, across the phone's tabs: a pass holds the Web Lock `LOCK` (skipped when
 *   another tab holds it: that tab sends); editing or deleting an entry waits for it, so an entry
 *   never changes under a send. Without the Web Locks API, a lock within the tab; two tabs sending
 *   one entry at once still record it once (the id), at the cost of a second request.
 * - Entries are the user's who wrote them down: only they see them (`entries`) and send them
 *   (`send`), the API answering a repeated id to its submitter only. Another user signing in on the
 *   phone finds them neither listed nor sent; they go when their writer signs in again. A sign-out
 *   `halt`s a send in progress at once (its request aborted, the entry left as it was), before
 *   the token changes: no entry is ever sent with another user's token.
 * Triggers (the `online` event, app start, a timer, a backoff after a failed pass) are the
 * caller's: use-outbox.tsx.
 */
import { ApiError, errorText, FileTooLargeError, NetworkError } from '../../api/errors';
import { type SubmitLedgerDemand } from '../../api/types';
import {
  type DemandDraft,
  type OutboxEntry,
  type OutboxPhoto,
  type OutboxStore,
} from './outbox-store';

export type { DemandDraft, OutboxEntry, OutboxPhoto } from './outbox-store';

/**
 * The API calls the outbox makes; each throws ApiError, NetworkError or an AbortError, and
 * answers the parsed body, checked here (`{id}` for a photo, `{id, number}` for the demand).
 */
export interface OutboxTransport {
  uploadPhoto(
    communityId: string,
    photo: Blob,
    idempotencyKey: string,
    signal: AbortSignal,
  ): Promise<unknown>;
  submit(communityId: string, body: SubmitLedgerDemand, signal: AbortSignal): Promise<unknown>;
}

/** The part of the Web Locks API (navigator.locks) the outbox uses. */
export interface Locks {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

export const LOCK = 'yishi-outbox';

/** What one send did (or, halted, what it did before). */
export interface SendReport {
  /** Another tab was sending: nothing tried here. */
  readonly busy: boolean;
  readonly sent: readonly { readonly id: string; readonly number: string }[];
  readonly refused: number;
  /** Entries tried that stay queued (no answer, a server error). */
  readonly retrying: number;
}

/** 4xx answers that a later try may change. */
const RETRY_STATUSES = new Set([401, 408, 425, 429]);
const RETRY_CODES = new Set(['IDEMPOTENCY_KEY_IN_USE', 'CONCURRENCY_CONFLICT', 'UNAVAILABLE']);

type Verdict =
  | { kind: 'sent'; number: string }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'retry'; message: string; offline: boolean };

/** The sending of one user's entries, in progress; `halt` stops it. */
interface Run {
  readonly userId: string;
  readonly halt: AbortController;
  readonly report: Promise<SendReport>;
}

/** A send halted before a request started: the entry is left as it was. */
class Halted extends Error {
  constructor() {
    super('halted');
    this.name = 'Halted';
  }
}

/** An answer that is not the API's (a captive portal's page, a proxy's): not a success. */
class UnexpectedAnswer extends Error {
  constructor() {
    super('服务器的回答不完整，稍后会自动重试。');
    this.name = 'UnexpectedAnswer';
  }
}

const isAbort = (error: unknown): boolean =>
  error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError');

/** A string field of an answer's body; anything else is not the API's answer. */
function stringField(body: unknown, field: string): string {
  const value =
    typeof body === 'object' && body !== null
      ? (body as Record<string, unknown>)[field]
      : undefined;
  if (typeof value !== 'string' || value === '') throw new UnexpectedAnswer();
  return value;
}

/** Whether a failed send is final (a refusal) or worth another try, and what to tell the worker. */
export function verdictOf(error: unknown): Verdict {
  if (error instanceof FileTooLargeError)
    return { kind: 'refused', status: 413, code: 'PAYLOAD_TOO_LARGE', message: error.message };
  if (error instanceof ApiError) {
    const final =
      error.status >= 400 &&
      error.status < 500 &&
      !RETRY_STATUSES.has(error.status) &&
      !RETRY_CODES.has(error.code);
    if (final)
      return { kind: 'refused', status: error.status, code: error.code, message: error.message };
    const message =
      error.status === 401
        ? '登录已过期：重新登录后会自动发送。'
        : error.status >= 500
          ? '服务器暂时出了问题，稍后会自动重试。'
          : '服务器正忙，稍后会自动重试。';
    return { kind: 'retry', message, offline: false };
  }
  if (error instanceof NetworkError)
    return { kind: 'retry', message: '未联网，联网后自动发送。', offline: true };
  if (isAbort(error))
    return { kind: 'retry', message: '网络太慢，没有发送成功，稍后会自动重试。', offline: true };
  if (error instanceof UnexpectedAnswer)
    return { kind: 'retry', message: error.message, offline: false };
  return { kind: 'retry', message: `${errorText(error)}（稍后会自动重试）`, offline: false };
}

/** The request body of an entry, its photos' upload ids in order. */
export function requestOf(entry: OutboxEntry, photoIds: readonly string[]): SubmitLedgerDemand {
  const d = entry.draft;
  const body: SubmitLedgerDemand = {
    id: entry.id,
    content: d.content,
    category: d.category,
    source: d.source,
  };
  if (d.unitId !== null) body.unitId = d.unitId;
  else if (d.place !== null) body.place = { estate: d.place.estate, building: d.place.building };
  if (d.onBehalfOf !== null)
    body.onBehalfOf =
      d.onBehalfOf.phone === null
        ? { name: d.onBehalfOf.name }
        : { name: d.onBehalfOf.name, phone: d.onBehalfOf.phone };
  if (photoIds.length > 0) body.photoIds = [...photoIds];
  return body;
}

/**
 * A lock within this tab, for browsers without navigator.locks (and the unit tests): requests of
 * one name run one after another; `ifAvailable` gets null when one is running.
 */
export function tabLocks(): Locks {
  const tails = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  return {
    request<T>(
      name: string,
      options: { ifAvailable?: boolean },
      callback: (lock: unknown) => Promise<T>,
    ) {
      if (options.ifAvailable === true && held.has(name)) return callback(null);
      const before = tails.get(name) ?? Promise.resolve();
      const run = before.then(async () => {
        held.add(name);
        try {
          return await callback({ name });
        } finally {
          held.delete(name);
        }
      });
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    },
  };
}

/** A v4 UUID: crypto.randomUUID where the page is a secure context, else from getRandomValues. */
export function newDemandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface OutboxOptions {
  store: OutboxStore;
  transport: OutboxTransport;
  locks?: Locks;
  now?: () => Date;
  newId?: () => string;
  /**
   * How long one request may take before it counts as no answer; a photo's upload gets a second
   * more for every 10 KB (a weak signal sends slowly, and must not be cut short every time).
   */
  timeoutMs?: number;
  /** Tells the phone's other tabs that the entries changed (a BroadcastChannel's name); none: null. */
  channel?: string | null;
}

export class Outbox {
  private readonly store: OutboxStore;
  private readonly transport: OutboxTransport;
  private readonly locks: Locks;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly timeoutMs: number;
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel | null;
  private run: Run | null = null;
  private wanted = false;
  private readonly sendingIds = new Set<string>();

  constructor(options: OutboxOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.locks = options.locks ?? tabLocks();
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? newDemandId;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    const name = options.channel ?? null;
    this.channel =
      name !== null && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(name) : null;
    if (this.channel !== null) this.channel.onmessage = () => this.notify(false);
  }

  /** Called whenever the entries change, here or in another tab. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user's entries on this phone, oldest first. */
  async entries(userId: string): Promise<OutboxEntry[]> {
    return (await this.store.list()).filter((e) => e.userId === userId);
  }

  /** Whether this tab is sending the entry right now. */
  isSending(id: string): boolean {
    return this.sendingIds.has(id);
  }

  /** Keeps a new entry (on disk before this resolves); sending is the caller's next step. */
  async add(
    userId: string,
    communityId: string,
    draft: DemandDraft,
    photos: readonly Blob[],
  ): Promise<OutboxEntry> {
    const id = this.newId();
    const entry: OutboxEntry = {
      id,
      userId,
      communityId,
      createdAt: this.now().toISOString(),
      draft,
      photos: photos.map((blob) => ({ key: this.newId(), blob, uploadId: null })),
      state: 'pending',
      refusal: null,
      attempts: 0,
      lastTriedAt: null,
      lastError: null,
    };
    await this.store.put(entry);
    this.notify();
    return entry;
  }

  /**
   * The worker's correction of an entry: the new draft and photos (kept ones with their upload
   * ids, new ones as Blobs); it goes back to pending. Waits for a send in progress; null when the
   * entry is gone (sent meanwhile).
   */
  async edit(
    id: string,
    draft: DemandDraft,
    photos: readonly (OutboxPhoto | Blob)[],
  ): Promise<OutboxEntry | null> {
    const changed = await this.locks.request(LOCK, {}, () =>
      this.store.change(id, (entry) => {
        // A new photo gets a new key, never a removed one's: the key names its upload.
        const kept = photos.map((p): OutboxPhoto =>
          p instanceof Blob ? { key: this.newId(), blob: p, uploadId: null } : p,
        );
        return { ...entry, draft, photos: kept, state: 'pending', refusal: null, lastError: null };
      }),
    );
    this.notify();
    return changed;
  }

  /** Deletes an entry (waits for a send in progress). False when it was sent meanwhile. */
  async remove(id: string): Promise<boolean> {
    const removed = await this.locks.request(LOCK, {}, async () => {
      const there = (await this.store.get(id)) !== undefined;
      if (there) await this.store.remove(id);
      return there;
    });
    this.notify();
    return removed;
  }

  /**
   * Sends the user's pending entries, oldest first, and any added while it runs. A call while a
   * send for the same user runs joins it (and asks for one more pass); one for another user halts
   * that send and starts once it has stopped. Never throws for a failed entry: the report counts it.
   */
  send(userId: string): Promise<SendReport> {
    this.wanted = true;
    const before = this.run;
    if (before !== null && before.userId === userId && !before.halt.signal.aborted)
      return before.report;
    before?.halt.abort();
    const halt = new AbortController();
    const report = (before?.report ?? Promise.resolve())
      .then(() => this.drain(userId, halt.signal))
      .finally(() => {
        if (this.run?.halt === halt) this.run = null;
      });
    this.run = { userId, halt, report };
    return report;
  }

  /**
   * Stops the send in progress now (at sign-out, before the token changes): no request starts
   * after this call, the one in flight is aborted and its entry left as it was. Resolves once the
   * send has stopped.
   */
  async halt(): Promise<void> {
    const run = this.run;
    if (run === null) return;
    run.halt.abort();
    await run.report.catch(() => undefined);
  }

  close(): void {
    this.channel?.close();
  }

  private async drain(userId: string, halted: AbortSignal): Promise<SendReport> {
    const total = {
      busy: false,
      sent: [] as SendReport['sent'][number][],
      refused: 0,
      retrying: 0,
    };
    while (this.wanted && !halted.aborted) {
      this.wanted = false;
      const report = await this.locks.request(LOCK, { ifAvailable: true }, (lock) =>
        lock === null ? Promise.resolve(null) : this.pass(userId, halted),
      );
      if (report === null) {
        total.busy = true;
        break;
      }
      total.sent.push(...report.sent);
      total.refused += report.refused;
      total.retrying += report.retrying;
    }
    return total;
  }

  /** One pass under the lock: each pending entry once; stops at the first "no connection". */
  private async pass(userId: string, halted: AbortSignal): Promise<SendReport> {
    const report = {
      busy: false,
      sent: [] as { id: string; number: string }[],
      refused: 0,
      retrying: 0,
    };
    const tried = new Set<string>();
    while (!halted.aborted) {
      const entry = (await this.store.list()).find(
        (e) => e.userId === userId && e.state === 'pending' && !tried.has(e.id),
      );
      if (entry === undefined) break;
      tried.add(entry.id);
      this.sendingIds.add(entry.id);
      this.notify(false);
      let verdict: Verdict | null;
      try {
        verdict = await this.sendOne(entry, halted);
      } finally {
        this.sendingIds.delete(entry.id);
      }
      if (verdict === null) {
        this.notify(false);
        break;
      }
      if (verdict.kind === 'sent') report.sent.push({ id: entry.id, number: verdict.number });
      else if (verdict.kind === 'refused') report.refused++;
      else report.retrying++;
      this.notify();
      if (verdict.kind === 'retry' && verdict.offline) break;
    }
    return report;
  }

  /** Sends one entry; null when halted before an answer (the entry left as it was). */
  private async sendOne(entry: OutboxEntry, halted: AbortSignal): Promise<Verdict | null> {
    const at = this.now().toISOString();
    try {
      const photoIds: string[] = [];
      for (const photo of entry.photos) {
        if (photo.uploadId !== null) {
          photoIds.push(photo.uploadId);
          continue;
        }
        const uploaded = await this.timed(
          halted,
          (signal) =>
            this.transport.uploadPhoto(
              entry.communityId,
              photo.blob,
              `${entry.id}.${photo.key}`,
              signal,
            ),
          photo.blob.size / 10,
        );
        const uploadId = stringField(uploaded, 'id');
        photoIds.push(uploadId);
        await this.store.change(entry.id, (e) => ({
          ...e,
          photos: e.photos.map((p) => (p.key === photo.key ? { ...p, uploadId } : p)),
        }));
      }
      const answer = await this.timed(halted, (signal) =>
        this.transport.submit(entry.communityId, requestOf(entry, photoIds), signal),
      );
      if (stringField(answer, 'id') !== entry.id) throw new UnexpectedAnswer();
      const number = stringField(answer, 'number');
      await this.store.remove(entry.id);
      return { kind: 'sent', number };
    } catch (error) {
      // Halted: an aborted request says nothing about the entry (it may have been recorded: the
      // same id finds it next time).
      if (error instanceof Halted || (halted.aborted && isAbort(error))) return null;
      const verdict = verdictOf(error);
      await this.store.change(entry.id, (e) => ({
        ...e,
        attempts: e.attempts + 1,
        lastTriedAt: at,
        ...(verdict.kind === 'refused'
          ? {
              state: 'refused' as const,
              refusal: { status: verdict.status, code: verdict.code, message: verdict.message, at },
              lastError: null,
            }
          : { lastError: verdict.kind === 'retry' ? verdict.message : null }),
      }));
      return verdict;
    }
  }

  /**
   * One request with the timeout (plus `moreMs`): past it, aborted (no answer: tried again later).
   * Not started once `halted`, and aborted when it is: the check and the request's start (its
   * token read) happen in one step, so a halt before a sign-out keeps every later request out.
   */
  private async timed<T>(
    halted: AbortSignal,
    call: (signal: AbortSignal) => Promise<T>,
    moreMs = 0,
  ): Promise<T> {
    if (halted.aborted) throw new Halted();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs + moreMs);
    const halt = () => controller.abort();
    halted.addEventListener('abort', halt);
    try {
      return await call(controller.signal);
    } finally {
      clearTimeout(timer);
      halted.removeEventListener('abort', halt);
    }
  }

  private notify(broadcast = true): void {
    for (const listener of this.listeners) listener();
    if (broadcast) this.channel?.postMessage('changed');
  }
}
