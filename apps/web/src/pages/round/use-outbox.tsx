import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../session';
import { type Outbox, type OutboxEntry } from './outbox';
import { onSent, openOutbox, type SentNote, sendFor, sentNotes } from './phone-outbox';

/** How often the sender tries while entries wait (besides `online`, app start, the tab shown). */
const EVERY_MS = 30_000;
/** After a failed try: again in 2 s, 4 s, 8 s … up to EVERY_MS (a signal that comes and goes). */
const FIRST_BACKOFF_MS = 2_000;

export interface OutboxView {
  outbox: Outbox | null;
  /** The signed-in user's entries, oldest first; null until read. */
  entries: OutboxEntry[] | null;
  /** The outbox could not be opened (storage blocked): why, in Chinese. */
  error: string | null;
  /** Entries sent since this page opened, newest first. */
  sent: readonly SentNote[];
  /** Sends now (the 立即发送 button). */
  sendNow: () => void;
}

/** The outbox as a page shows it, kept current as it changes (here or in another tab). */
export function useOutbox(): OutboxView {
  const { me } = useSession();
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<readonly SentNote[]>(() => sentNotes(me.id));

  useEffect(() => {
    let live = true;
    let unsubscribe = () => undefined as unknown;
    openOutbox()
      .then((opened) => {
        if (!live) return;
        setOutbox(opened);
        const read = () =>
          void opened.entries(me.id).then((list) => {
            if (live) setEntries(list);
          });
        unsubscribe = opened.subscribe(read);
        read();
      })
      .catch(() => {
        if (live)
          setError(
            '这部手机的浏览器不允许保存离线记录（可能是无痕模式），请换用普通模式后再登记。',
          );
      });
    setSent(sentNotes(me.id));
    const stopNotes = onSent(() => setSent(sentNotes(me.id)));
    return () => {
      live = false;
      unsubscribe();
      stopNotes();
    };
  }, [me.id]);

  const sendNow = useCallback(() => {
    if (outbox !== null) void sendFor(outbox, me.id).catch(() => undefined);
  }, [outbox, me.id]);

  return { outbox, entries, error, sent, sendNow };
}

/**
 * The sender, mounted once for a signed-in user who records demands: sends at start, on `online`,
 * when the tab is shown again, every EVERY_MS, and after a failed try with a growing backoff.
 */
export function OutboxSender() {
  const { me } = useSession();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backoff = FIRST_BACKOFF_MS;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(kick, ms);
    };
    function kick() {
      openOutbox()
        .then((outbox) => sendFor(outbox, me.id))
        .then((report) => {
          if (report.retrying > 0 && navigator.onLine) {
            schedule(backoff);
            backoff = Math.min(backoff * 2, EVERY_MS);
          } else {
            backoff = FIRST_BACKOFF_MS;
            schedule(EVERY_MS);
          }
        })
        .catch(() => schedule(EVERY_MS));
    }
    const onOnline = () => {
      backoff = FIRST_BACKOFF_MS;
      kick();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') kick();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    kick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [me.id]);
  return null;
}
