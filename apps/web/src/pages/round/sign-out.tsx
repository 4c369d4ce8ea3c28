import { useEffect, useId, useRef, useState } from 'react';
import { useSession } from '../../session';
import { openOutbox, RECORDERS } from './phone-outbox';

/** The user's entries still on the phone: waiting to be sent, and refused (to correct). */
interface Unsent {
  pending: number;
  refused: number;
}

/**
 * 退出. For a user with an outbox (RECORDERS) whose entries are still on the phone, it asks first,
 * saying how many and that they go when this user signs in again on this phone (nobody else sees
 * or sends them: outbox.ts). Signing out halts a send in progress before the token goes (the
 * outbox listens to the token).
 */
export function SignOut() {
  const session = useSession();
  const [unsent, setUnsent] = useState<Unsent | null>(null);
  const records = RECORDERS.some((role) => session.has(role));
  const click = async () => {
    if (!records) return session.signOut();
    // A phone whose storage cannot be opened holds no entries.
    const entries = await openOutbox()
      .then((outbox) => outbox.entries(session.me.id))
      .catch(() => []);
    if (entries.length === 0) return session.signOut();
    const refused = entries.filter((e) => e.state === 'refused').length;
    setUnsent({ pending: entries.length - refused, refused });
  };
  return (
    <>
      <button type="button" className="link-button" onClick={() => void click()}>
        退出
      </button>
      {unsent === null ? null : (
        <UnsentConfirm
          unsent={unsent}
          onSignOut={session.signOut}
          onCancel={() => setUnsent(null)}
        />
      )}
    </>
  );
}

/** The question, in the browser's modal <dialog> (focus inside, Esc is 取消, the page inert). */
function UnsentConfirm(props: { unsent: Unsent; onSignOut: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const onCancel = useRef(props.onCancel);
  onCancel.current = props.onCancel;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (!dialog.open) dialog.showModal();
    const closed = () => onCancel.current();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
    };
  }, []);
  const { pending, refused } = props.unsent;
  return (
    <dialog
      ref={ref}
      className="sign-out-confirm"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
    >
      <h2 id={titleId}>还有 {pending + refused} 条登记没有发送</h2>
      <div id={textId}>
        <p>
          {refused === 0
            ? `${pending} 条代居民登记还存在这部手机上，没有发送到诉求台账。`
            : pending === 0
              ? `${refused} 条代居民登记未能提交，还存在这部手机上，需要修改后再发送。`
              : `${pending} 条代居民登记待发送，${refused} 条未能提交（需要修改），都还存在这部手机上。`}
        </p>
        <p>
          {refused === 0
            ? '退出后它们不会丢失：您下次在这部手机上登录时，会自动发送。'
            : '退出后它们不会丢失：您下次在这部手机上登录时，待发送的会自动发送，未能提交的可在「网格巡查」里修改。'}
          别人在这部手机上登录，看不到也不会发送它们。
        </p>
      </div>
      <div className="row">
        <button type="button" className="button danger" onClick={props.onSignOut}>
          仍要退出
        </button>
        <button
          type="button"
          className="button secondary"
          autoFocus
          onClick={() => ref.current?.close()}
        >
          取消
        </button>
      </div>
    </dialog>
  );
}
