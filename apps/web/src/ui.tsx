import {
  Component,
  type DependencyList,
  type ReactNode,
  useCallback,
  useEffect,
  useState,
} from 'react';
import { errorText } from './api/errors';

export type Load<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/** Loads data for a page; `reload` fetches again (keeping the shown data until it arrives). */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) setResult({ state: 'ready', value });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setResult({ state: 'error', message: errorText(error) });
      });
    return () => controller.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return [result, reload];
}

export function Loading(props: { text?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      {props.text ?? '正在加载…'}
    </p>
  );
}

export function ErrorBox(props: { message: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{props.message}</p>
      {props.onRetry === undefined ? null : (
        <button type="button" className="button secondary" onClick={props.onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <p className="state state-empty">{props.children}</p>;
}

/**
 * Around a lazily loaded page: if its code cannot be fetched (offline, or a deploy replaced the
 * hashed files this tab knows), say so and offer a reload, which fetches the new index.html.
 */
export class LoadFailed extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <ErrorBox
        message="页面没有加载成功，可能是网络中断或平台刚刚更新。"
        onRetry={() => window.location.reload()}
      />
    );
  }
}

/** Renders a load: loading, error (with retry) or the page. */
export function Loaded<T>(props: {
  load: Load<T>;
  reload: () => void;
  children: (value: T) => ReactNode;
}) {
  switch (props.load.state) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <ErrorBox message={props.load.message} onRetry={props.reload} />;
    case 'ready':
      return <>{props.children(props.load.value)}</>;
  }
}

/**
 * One user action (a button, a form): pending while it runs, its error in Chinese, a success note.
 * `run` never throws: a failure is shown, and nothing the user typed is cleared. `describe` says
 * an error (the app's plain text unless a page shows the API's particulars).
 */
export function useAction(describe: (error: unknown) => string = errorText): {
  pending: boolean;
  error: string | null;
  done: string | null;
  run: (action: () => Promise<unknown>, success?: string) => Promise<boolean>;
  clear: () => void;
} {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string) => {
      setPending(true);
      setError(null);
      setDone(null);
      try {
        await action();
        setDone(success ?? null);
        return true;
      } catch (e) {
        setError(describe(e));
        return false;
      } finally {
        setPending(false);
      }
    },
    [describe],
  );
  const clear = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { pending, error, done, run, clear };
}

export function ActionNote(props: { error: string | null; done: string | null }) {
  if (props.error !== null)
    return (
      <p className="note note-error" role="alert">
        {props.error}
      </p>
    );
  if (props.done !== null)
    return (
      <p className="note note-done" role="status">
        {props.done}
      </p>
    );
  return null;
}

/**
 * A button for a step that cannot be undone: it first asks (`question`), then runs `action`,
 * says what happened, and calls `onDone` after a success.
 */
export function ConfirmAction(props: {
  label: string;
  confirmLabel: string;
  /** The accessible name of the question's group. */
  groupLabel: string;
  question: string;
  action: () => Promise<unknown>;
  done?: string;
  onDone: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  return (
    <>
      {confirming ? (
        <div className="confirm" role="group" aria-label={props.groupLabel}>
          <p>{props.question}</p>
          <button
            type="button"
            className="button danger"
            disabled={action.pending}
            onClick={() =>
              void action.run(props.action, props.done).then((ok) => ok && props.onDone())
            }
          >
            {props.confirmLabel}
          </button>
          <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
            取消
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
          {props.label}
        </button>
      )}
      <ActionNote error={action.error} done={action.done} />
    </>
  );
}

/**
 * A table wider than a phone: it scrolls sideways, so it takes the keyboard focus to scroll by and
 * is named as a region (`label`, with "可左右滚动" added).
 */
export function ScrollTable(props: { label: string; children: ReactNode }) {
  return (
    <div
      className="table-wrap"
      tabIndex={0}
      role="region"
      aria-label={`${props.label}（可左右滚动）`}
    >
      {props.children}
    </div>
  );
}
