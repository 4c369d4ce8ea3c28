import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { MEETING_CIRCLE_LABELS, PARTY_LABELS } from '../labels';
import { Link } from '../router';
import { ActionNote, useAction } from '../ui';

interface SignedIn {
  caseId: string;
  party: keyof typeof PARTY_LABELS | null;
  circle: keyof typeof MEETING_CIRCLE_LABELS;
  signedInAt: string;
}

/**
 * 议事会签到 by the code shown in the room: the room's QR code opens this page with the code
 * filled in (`?code=`); typed by hand otherwise. One large button, for a phone held in one hand.
 */
export function MeetingSignInPage(props: { meetingId: string }) {
  const [code, setCode] = useState(
    () => new URLSearchParams(window.location.search).get('code') ?? '',
  );
  const [done, setDone] = useState<SignedIn | null>(null);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await action.run(async () => {
      setDone(
        await api<SignedIn>(`/meetings/${props.meetingId}/sign-in`, {
          method: 'POST',
          body: { code: code.trim() },
        }),
      );
    });
  };
  if (done !== null)
    return (
      <section className="card section">
        <h1>签到成功</h1>
        <p className="note note-done" role="status">
          您已作为
          {done.party === null ? MEETING_CIRCLE_LABELS[done.circle] : PARTY_LABELS[done.party]}
          签到。
        </p>
        <Link to={`/cases/${done.caseId}`} className="button primary big">
          查看议题
        </Link>
      </section>
    );
  return (
    <section className="card section">
      <h1>议事会签到</h1>
      <form className="form" onSubmit={(e) => void submit(e)} aria-label="议事会签到">
        <label>
          会场签到码（6 位数字）
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            className="code-input"
          />
        </label>
        <ActionNote error={action.error} done={null} />
        <button type="submit" className="button primary big" disabled={action.pending}>
          签到
        </button>
      </form>
    </section>
  );
}
