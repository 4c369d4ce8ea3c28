import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { stableInstant } from '../../api/idempotency';
import { type CaseDetail, type Member } from '../../api/types';
import { DateField } from '../../date-field';
import {
  formatTime,
  MEETING_CIRCLE_LABELS,
  PARTY_LABELS,
  SIGN_IN_METHOD_LABELS,
} from '../../labels';
import { type Session } from '../../session';
import { ActionNote, useAction, useLoad } from '../../ui';
import { type PendingPhoto, PhotoPicker, UploadedPhotos } from '../demands/photos';
import { attendance, attendeesOf, partyOf } from './meeting-attendance';
import { absentParties, type Meeting, signInOpen } from './meeting-state';
import { Section } from './section';
import { write } from './write';

/*
 * 议事会: meetings announced ahead (the invitees sign in on their phones, or with the code shown
 * in the room) or recorded after the fact from the paper sign-in sheet; the minutes with photos.
 */

const nameOf = (members: readonly Member[] | null, userId: string): string =>
  members?.find((m) => m.userId === userId)?.displayName ?? '成员';

export function MeetingsSection(props: {
  c: CaseDetail;
  session: Session;
  reload: (done?: string) => void;
}) {
  const { c, session } = props;
  const secretary = session.has('secretary');
  const [members] = useLoad(
    (signal) =>
      secretary
        ? api<{ items: Member[] }>(
            `/communities/${c.communityId}/memberships?withParty=true&limit=500`,
            { signal },
          ).then((r) => r.items)
        : Promise.resolve(null),
    [c.communityId, secretary],
  );
  if (c.meetings.length === 0) return null;
  const known = members.state === 'ready' ? members.value : null;
  return (
    <Section title="议事会">
      <ul className="list">
        {c.meetings.map((m) => (
          <li key={m.id} id={`meeting-${m.id}`} data-testid="meeting">
            <p>
              <strong>{formatTime(m.heldAt)}</strong> · {m.place}
              {m.scheduled ? '' : '（按纸质签到表补录）'}
            </p>
            <MeetingAttendance c={c} m={m} members={known} />
            {m.minutes === '' ? (
              <p className="muted">尚未记录会议纪要。</p>
            ) : (
              <>
                <p>会议纪要：{m.minutes}</p>
                <UploadedPhotos ids={m.minutesFileIds} label="纪要照片" />
              </>
            )}
            <SignInButton c={c} m={m} session={session} reload={props.reload} />
            {secretary && signInOpen(c, m, Date.now()) ? <RoomCode meetingId={m.id} /> : null}
            {secretary && c.status === 'open' && Date.now() >= Date.parse(m.heldAt) ? (
              <MinutesForm c={c} m={m} reload={props.reload} />
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MeetingAttendance(props: { c: CaseDetail; m: Meeting; members: Member[] | null }) {
  const { c, m, members } = props;
  const absent = absentParties(c, m);
  const others = m.signIns.filter((s) => s.party === null);
  return (
    <>
      {m.scheduled ? (
        <p className="muted">
          邀请 {m.invitees.length} 人，已签到 {m.signIns.length} 人
        </p>
      ) : null}
      <ul className="plain" aria-label="签到情况">
        {m.attendance.map((a) => (
          <li key={a.party}>
            {PARTY_LABELS[a.party]}：
            {a.attendees
              .map((id) => {
                const s = m.signIns.find((x) => x.userId === id);
                return `${nameOf(members, id)}${s === undefined ? '' : `（${SIGN_IN_METHOD_LABELS[s.by]}）`}`;
              })
              .join('、')}
          </li>
        ))}
        {others.length === 0 ? null : (
          <li>
            列席：
            {others
              .map((s) => `${nameOf(members, s.userId)}（${MEETING_CIRCLE_LABELS[s.circle]}）`)
              .join('、')}
          </li>
        )}
      </ul>
      {absent.length === 0 ? (
        <p className="note note-done">各必需方均已签到。</p>
      ) : (
        <p className="muted">尚未签到：{absent.map((p) => PARTY_LABELS[p]).join('、')}</p>
      )}
    </>
  );
}

/** 签到 on one's own phone, for a meeting whose sign-in is open and that one has not signed. */
function SignInButton(props: {
  c: CaseDetail;
  m: Meeting;
  session: Session;
  reload: (done?: string) => void;
}) {
  const { c, m, session } = props;
  const action = useAction();
  const me = session.me.id;
  if (!signInOpen(c, m, Date.now()) || m.signIns.some((s) => s.userId === me)) return null;
  const invited = m.invitees.some((p) => p.userId === me);
  const signIn = async () => {
    const ok = await action.run(() =>
      write(`/meetings/${m.id}/sign-in`, { method: 'POST', body: {} }),
    );
    if (ok) props.reload('签到成功');
  };
  return (
    <div className="action">
      <p>{invited ? '您受邀参加此次议事会。' : '您可以列席此次议事会。'}到场后请签到：</p>
      <ActionNote error={action.error} done={null} />
      <button
        type="button"
        className="button primary big"
        disabled={action.pending}
        onClick={() => void signIn()}
      >
        我已到场，签到
      </button>
    </div>
  );
}

/** The room's one-time code, large, with a QR code that opens the sign-in page with it. */
function RoomCode(props: { meetingId: string }) {
  const action = useAction();
  const [shown, setShown] = useState<{ code: string; expiresAt: string; qr: string } | null>(null);
  const show = async () => {
    await action.run(async () => {
      const res = await write(`/meetings/${props.meetingId}/code`, { method: 'POST' });
      const { code, expiresAt, signInPath } = res as {
        code: string;
        expiresAt: string;
        signInPath: string;
      };
      // Loaded only here: the QR encoder stays out of the first page's bundle.
      const { toDataURL } = await import('qrcode');
      const qr = await toDataURL(`${window.location.origin}${signInPath}`, {
        margin: 1,
        width: 240,
      });
      setShown({ code, expiresAt, qr });
    });
  };
  return (
    <div className="room-code">
      {shown === null ? null : (
        <figure aria-label="会场签到码">
          <p className="room-code-digits" data-testid="room-code">
            {shown.code}
          </p>
          <img src={shown.qr} alt="签到二维码：用手机扫码签到" width={240} height={240} />
          <figcaption className="muted">
            请参会人员扫码或在手机上输入签到码，{formatTime(shown.expiresAt)} 前有效。
          </figcaption>
        </figure>
      )}
      <ActionNote error={action.error} done={null} />
      <button
        type="button"
        className="button secondary"
        disabled={action.pending}
        onClick={() => void show()}
      >
        {shown === null ? '显示会场签到码' : '换一个签到码'}
      </button>
    </div>
  );
}

/** 会议纪要 with photos of the signed pages; recorded again, the new minutes stand. */
function MinutesForm(props: { c: CaseDetail; m: Meeting; reload: (done?: string) => void }) {
  const { c, m } = props;
  const [text, setText] = useState(m.minutes);
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await action.run(() =>
      write(`/meetings/${m.id}/minutes`, {
        method: 'POST',
        idempotencyKey: key,
        body: { text: text.trim(), fileIds: [...m.minutesFileIds, ...photos.map((p) => p.id)] },
      }),
    );
    if (ok) props.reload('会议纪要已保存');
  };
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="会议纪要">
      <label>
        {m.minutes === '' ? '记录会议纪要' : '修改会议纪要'}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
      </label>
      <PhotoPicker
        uploadPath={`/communities/${c.communityId}/uploads`}
        photos={photos}
        onChange={setPhotos}
        legend="纪要照片或签字页（可选）"
        onUploading={setUploading}
      />
      <ActionNote error={action.error} done={null} />
      <button type="submit" className="button primary" disabled={action.pending || uploading}>
        保存会议纪要
      </button>
    </form>
  );
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const MINUTES = ['00', '15', '30', '45'];

/** Today in China Standard Time, as YYYY-MM-DD. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * 安排议事会 (announced ahead: the invitees are told and sign in at the meeting), or 补录 one held
 * on paper (the sign-in sheet entered by hand, each name checked against its party).
 */
export function MeetingForm(props: { c: CaseDetail; reload: (done?: string) => void }) {
  const { c } = props;
  const [mode, setMode] = useState<'schedule' | 'record'>('schedule');
  const [place, setPlace] = useState('社区党群服务中心');
  const [date, setDate] = useState(todayInChina);
  const [hour, setHour] = useState('19');
  const [minute, setMinute] = useState('00');
  const [minutes, setMinutes] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const [members] = useLoad(
    (signal) =>
      api<{ items: Member[] }>(
        `/communities/${c.communityId}/memberships?withParty=true&limit=500`,
        { signal },
      ).then((r) => r.items),
    [c.communityId],
  );
  const caseParties = c.parties.map((p) => p.party);
  const toggle = (userId: string) =>
    setPicked((set) => {
      const next = new Set(set);
      if (next.has(userId)) next.delete(userId);
      else next.add(userId);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (members.state !== 'ready') return;
    const groups = attendeesOf(caseParties, members.value);
    const body =
      mode === 'schedule'
        ? {
            scheduledAt: new Date(`${date}T${hour}:${minute}:00+08:00`).toISOString(),
            place: place.trim(),
            inviteeUserIds: [...picked],
          }
        : {
            heldAt: stableInstant(key, '', () => new Date().toISOString()),
            place: place.trim(),
            attendance: attendance(groups, picked),
            minutes,
          };
    const ok = await action.run(() =>
      write(`/cases/${c.id}/meetings`, { method: 'POST', idempotencyKey: key, body }),
    );
    if (ok) props.reload(mode === 'schedule' ? '议事会已安排，已通知受邀人员' : '议事会已记录');
  };
  const others =
    members.state === 'ready'
      ? members.value.filter((m) => partyOf(m) === null && m.roles.includes('resident'))
      : [];
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="议事会">
      <h3>议事会</h3>
      <fieldset>
        <legend>方式</legend>
        <label className="choice">
          <input type="radio" checked={mode === 'schedule'} onChange={() => setMode('schedule')} />
          提前安排：通知受邀人员，到场后手机签到
        </label>
        <label className="choice">
          <input type="radio" checked={mode === 'record'} onChange={() => setMode('record')} />
          补录已召开的会议：按纸质签到表勾选到会人员
        </label>
      </fieldset>
      {mode === 'schedule' ? (
        <>
          <DateField label="会议日期" value={date} onChange={setDate} />
          <label>
            时间
            <span className="inline">
              <select value={hour} onChange={(e) => setHour(e.target.value)} aria-label="时">
                {HOURS.map((h) => (
                  <option key={h} value={h}>
                    {h} 时
                  </option>
                ))}
              </select>
              <select value={minute} onChange={(e) => setMinute(e.target.value)} aria-label="分">
                {MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {m} 分
                  </option>
                ))}
              </select>
            </span>
          </label>
        </>
      ) : null}
      <label>
        地点
        <input value={place} onChange={(e) => setPlace(e.target.value)} required />
      </label>
      {members.state === 'ready' ? (
        <>
          {attendeesOf(caseParties, members.value).map((g) => (
            <MemberChecks
              key={g.party}
              legend={`${PARTY_LABELS[g.party]}${mode === 'schedule' ? '（邀请）' : '到会'}`}
              members={g.members}
              picked={picked}
              toggle={toggle}
            />
          ))}
          {mode === 'schedule' && others.length > 0 ? (
            <MemberChecks
              legend="居民（列席，可选）"
              members={others.slice(0, 50)}
              picked={picked}
              toggle={toggle}
            />
          ) : null}
        </>
      ) : members.state === 'error' ? (
        <p className="note note-error" role="alert">
          {members.message}
        </p>
      ) : (
        <p className="muted">正在读取参会人员…</p>
      )}
      {mode === 'record' ? (
        <label>
          会议纪要
          <textarea
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            rows={3}
            required
          />
        </label>
      ) : null}
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        {mode === 'schedule' ? '发出会议通知' : '记录议事会'}
      </button>
    </form>
  );
}

/** A fieldset of members, each a checkbox: who is invited, or who came on the paper sheet. */
function MemberChecks(props: {
  legend: string;
  members: readonly Member[];
  picked: ReadonlySet<string>;
  toggle: (userId: string) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.members.map((m) => (
        <label key={m.userId} className="choice">
          <input
            type="checkbox"
            checked={props.picked.has(m.userId)}
            onChange={() => props.toggle(m.userId)}
          />
          {m.displayName}
        </label>
      ))}
    </fieldset>
  );
}
