/**
 * The phone's one outbox (per tab): its IndexedDB store, the API calls it makes, and the log of
 * what went out since the page opened (the round page's 已发送 notes). React stays in
 * use-outbox.tsx; this is plain TypeScript.
 */
import { api, onTokenChange } from '../../api/client';
import { type SubmitLedgerDemand } from '../../api/types';
import { type Locks, Outbox, type OutboxEntry, type SendReport } from './outbox';
import { OutboxStore } from './outbox-store';

/** The roles that write demands down for residents (onBehalfOf): the ones with an outbox. */
export const RECORDERS = [
  'grid-worker',
  'building-lead',
  'unit-lead',
  'neighbour-lead',
  'secretary',
] as const;

const transport = {
  uploadPhoto: (communityId: string, photo: Blob, key: string, signal: AbortSignal) =>
    api<unknown>(`/communities/${communityId}/uploads`, {
      method: 'POST',
      raw: photo,
      headers: { 'Idempotency-Key': key },
      signal,
    }),
  submit: (communityId: string, body: SubmitLedgerDemand, signal: AbortSignal) =>
    api<unknown>(`/communities/${communityId}/demands`, { method: 'POST', body, signal }),
};

let storeOpening: Promise<OutboxStore> | null = null;
let outboxOpening: Promise<Outbox> | null = null;

/** The phone's round database, opened on first use; a failed open is tried again next time. */
export function openStore(): Promise<OutboxStore> {
  storeOpening ??= OutboxStore.open().catch((error: unknown) => {
    storeOpening = null;
    throw error;
  });
  return storeOpening;
}

/** The phone's outbox (one per tab). */
export function openOutbox(): Promise<Outbox> {
  outboxOpening ??= openStore()
    .then((store) => {
      const locks =
        typeof navigator !== 'undefined' && 'locks' in navigator
          ? (navigator.locks as unknown as Locks)
          : undefined;
      const outbox = new Outbox({
        store,
        transport,
        channel: 'yishi-outbox',
        ...(locks === undefined ? {} : { locks }),
      });
      // Signed out or in as someone else: what this user was sending stops before the new token.
      onTokenChange(() => void outbox.halt());
      return outbox;
    })
    .catch((error: unknown) => {
      outboxOpening = null;
      throw error;
    });
  return outboxOpening;
}

/** Asks the browser not to clear the outbox's storage when space runs short (once per tab). */
let persistAsked = false;
export function askPersistentStorage(): void {
  if (persistAsked || typeof navigator === 'undefined' || navigator.storage === undefined) return;
  persistAsked = true;
  void navigator.storage.persist?.().catch(() => undefined);
}

/** An entry sent since the page opened: its number and where and for whom. */
export interface SentNote {
  /** Whose entry it was: only they see the note. */
  userId: string;
  id: string;
  number: string;
  text: string;
}

const sentLog: SentNote[] = [];
const sentListeners = new Set<() => void>();

/** What of the user's went out since the page opened, newest first (at most ten). */
export const sentNotes = (userId: string): SentNote[] => sentLog.filter((s) => s.userId === userId);

/** Called when an entry went out. */
export function onSent(listener: () => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

function logSent(userId: string, report: SendReport, entries: readonly OutboxEntry[]): void {
  if (report.sent.length === 0) return;
  for (const s of report.sent) {
    const entry = entries.find((e) => e.id === s.id);
    const who = entry?.draft.onBehalfOf?.name;
    const text = [entry?.draft.placeText, who]
      .filter((t) => t !== undefined && t !== '')
      .join(' · ');
    sentLog.unshift({ userId, id: s.id, number: s.number, text });
  }
  sentLog.splice(10);
  for (const listener of sentListeners) listener();
}

/** Sends the user's entries, noting what went out for the round page. */
export async function sendFor(outbox: Outbox, userId: string): Promise<SendReport> {
  const before = await outbox.entries(userId);
  const report = await outbox.send(userId);
  logSent(userId, report, before);
  return report;
}

/** Sends the user's entries now (after the form saved one); failures wait for the next trigger. */
export function sendSoon(userId: string): void {
  void openOutbox()
    .then((outbox) => sendFor(outbox, userId))
    .catch(() => undefined);
}
