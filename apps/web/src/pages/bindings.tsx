import { type FormEvent, useEffect, useState } from 'react';
import { api, apiFile, newIdempotencyKey } from '../api/client';
import { type BindingRequest, type Unit, type UnitBinding } from '../api/types';
import { formatTime } from '../labels';
import { Link } from '../router';
import { useSession } from '../session';
import { ActionNote, Empty, Loaded, useAction, useLoad } from '../ui';
import { listUnits, unitText } from '../units';

const REQUEST_STATUS: Readonly<Record<BindingRequest['status'], string>> = {
  pending: '待书记审核',
  approved: '已通过',
  rejected: '未通过',
};

interface BindingsData {
  units: Unit[];
  bindings: UnitBinding[];
  requests: BindingRequest[];
}

/**
 * 实名绑定 (docs/voting.md "Real-name binding"): a resident binds their account to a unit by the
 * certificate and ID numbers the registry holds, or sends a photo of the certificate for the
 * secretary to approve; the secretary decides the pending requests. The numbers are sent once and
 * never shown again: the fields are emptied after every submit, and no answer carries them.
 */
export function BindingsPage() {
  const session = useSession();
  const communityId = session.membership?.communityId ?? '';
  const secretary = session.has('secretary');
  const [load, reload] = useLoad<BindingsData>(
    async (signal) => {
      const [units, bindings, requests] = await Promise.all([
        listUnits(communityId, {}, signal),
        api<{ items: UnitBinding[] }>('/me/unit-bindings', { signal }),
        api<{ items: BindingRequest[] }>(`/communities/${communityId}/binding-requests`, {
          signal,
        }),
      ]);
      return { units, bindings: bindings.items, requests: requests.items };
    },
    [communityId],
  );
  if (session.membership === null)
    return (
      <section>
        <h1>实名绑定</h1>
        <Empty>您还不是任何社区的成员，请联系社区工作人员。</Empty>
      </section>
    );
  return (
    <section>
      <p>
        <Link to={secretary ? '/console' : '/home'}>← 返回</Link>
      </p>
      <h1>实名绑定</h1>
      <p className="lead">
        网上投票前，需要把您的账号和您名下的房屋绑定，确认是业主本人。证件号码只用于核对，不会显示，也不会保存原文。
      </p>
      <Loaded load={load} reload={reload}>
        {(data) => (
          <>
            {secretary ? <PendingRequests data={data} reload={reload} /> : null}
            <MyBindings data={data} userId={session.me.id} />
            <BindByNumbers
              units={data.units}
              mine={session.membership?.unitIds ?? []}
              reload={reload}
            />
            <RequestWithPhoto
              communityId={communityId}
              units={data.units}
              mine={session.membership?.unitIds ?? []}
              reload={reload}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

const labelOf = (units: Unit[], unitId: string): string => {
  const unit = units.find((u) => u.id === unitId);
  return unit === undefined ? '（房屋）' : unitText(unit);
};

function MyBindings(props: { data: BindingsData; userId: string }) {
  const { bindings, requests, units } = props.data;
  const mine = requests.filter((r) => r.userId === props.userId);
  return (
    <section className="card section" aria-label="我的绑定">
      <h2>已绑定的房屋</h2>
      {bindings.length === 0 ? (
        <Empty>还没有绑定房屋。</Empty>
      ) : (
        <ul className="list" data-testid="my-bindings">
          {bindings.map((b) => (
            <li key={b.id}>
              <strong>{unitText(b.unit)}</strong> ·{' '}
              {b.method === 'registry-match' ? '证件核验' : '书记审核'} · {formatTime(b.boundAt)}
            </li>
          ))}
        </ul>
      )}
      {mine.length === 0 ? null : (
        <>
          <h3>我提交的审核申请</h3>
          <ul className="list" data-testid="my-binding-requests">
            {mine.map((r) => (
              <li key={r.id}>
                {labelOf(units, r.unitId)} · {REQUEST_STATUS[r.status]}
                {r.reason === null || r.reason === '' ? '' : `（${r.reason}）`} ·{' '}
                {formatTime(r.createdAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The units to choose from: the caller's own first (as the secretary recorded them), then all. */
function UnitSelect(props: {
  units: Unit[];
  mine: string[];
  value: string;
  onChange: (v: string) => void;
}) {
  const own = props.units.filter((u) => props.mine.includes(u.id));
  const others = props.units.filter((u) => !props.mine.includes(u.id));
  const option = (u: Unit) => (
    <option key={u.id} value={u.id}>
      {u.estate} {unitText(u)}
    </option>
  );
  return (
    <label>
      房屋
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} required>
        <option value="">请选择</option>
        {own.length === 0 ? null : <optgroup label="登记在我名下的">{own.map(option)}</optgroup>}
        <optgroup label="全部房屋">{others.map(option)}</optgroup>
      </select>
    </label>
  );
}

function BindByNumbers(props: { units: Unit[]; mine: string[]; reload: () => void }) {
  const [unitId, setUnitId] = useState(props.mine.length === 1 ? (props.mine[0] ?? '') : '');
  const [certificateNumber, setCertificateNumber] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { unitId, certificateNumber, idNumber };
    // The numbers leave the form at once: never shown again, whatever the answer.
    setCertificateNumber('');
    setIdNumber('');
    const ok = await action.run(
      () => api('/me/unit-bindings', { method: 'POST', body, idempotencyKey: key }),
      `绑定成功：${labelOf(props.units, unitId)}。现在可以网上投票了。`,
    );
    setKey(newIdempotencyKey());
    if (ok) props.reload();
  };
  return (
    <section className="card section">
      <h2>用证件号码绑定</h2>
      <p className="muted">
        填写房产证（不动产权证）上的证号和产权人的身份证号，与社区登记的一致即可立即绑定。多次填错会暂时锁定。
      </p>
      <form
        className="form secret-form"
        aria-label="用证件号码绑定"
        autoComplete="off"
        onSubmit={(e) => void submit(e)}
      >
        <UnitSelect units={props.units} mine={props.mine} value={unitId} onChange={setUnitId} />
        <label>
          不动产权证号
          <input
            name="certificate-number"
            value={certificateNumber}
            onChange={(e) => setCertificateNumber(e.target.value)}
            autoComplete="off"
            inputMode="text"
            spellCheck={false}
            autoCorrect="off"
            required
            maxLength={100}
          />
        </label>
        <label>
          产权人身份证号
          <input
            name="id-number"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            autoComplete="off"
            inputMode="text"
            autoCapitalize="characters"
            spellCheck={false}
            autoCorrect="off"
            required
            maxLength={40}
          />
        </label>
        <ActionNote error={action.error} done={action.done} />
        <button type="submit" className="button primary" disabled={action.pending}>
          核验并绑定
        </button>
      </form>
    </section>
  );
}

function RequestWithPhoto(props: {
  communityId: string;
  units: Unit[];
  mine: string[];
  reload: () => void;
}) {
  const [unitId, setUnitId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === null || unitId === '') return;
    const params = new URLSearchParams({ unitId });
    if (file.name !== '') params.set('name', file.name.slice(0, 200));
    const ok = await action.run(
      () =>
        api(`/communities/${props.communityId}/binding-requests?${params.toString()}`, {
          method: 'POST',
          raw: file,
        }),
      '已提交，社区书记审核通过后即完成绑定。',
    );
    if (ok) {
      setFile(null);
      setInputKey((k) => k + 1);
      props.reload();
    }
  };
  return (
    <section className="card section">
      <h2>上传证件请书记审核</h2>
      <p className="muted">
        号码对不上，或没有登记时，可以拍下房产证和身份证，由社区书记核对后绑定。
      </p>
      <form className="form" aria-label="上传证件申请绑定" onSubmit={(e) => void submit(e)}>
        <UnitSelect units={props.units} mine={props.mine} value={unitId} onChange={setUnitId} />
        {/* The native file input says "Choose File / No file chosen" in the phone's language: it
            sits invisible over a Chinese button, and the chosen file is named below. */}
        <label className="button secondary file-button">
          选择证件照片或 PDF
          <input
            key={inputKey}
            type="file"
            accept="image/*,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <p className="muted" data-testid="chosen-file">
          {file === null ? '还没有选择文件。' : `已选择：${file.name}`}
        </p>
        <ActionNote error={action.error} done={action.done} />
        <button
          type="submit"
          className="button primary"
          disabled={action.pending || file === null || unitId === ''}
        >
          提交审核
        </button>
      </form>
    </section>
  );
}

/** The secretary: pending requests, each with its scan, approve, or reject with a reason. */
function PendingRequests(props: { data: BindingsData; reload: () => void }) {
  const pending = props.data.requests.filter((r) => r.status === 'pending');
  return (
    <section className="card section" aria-label="待审核的绑定申请">
      <h2>待审核的绑定申请（{pending.length}）</h2>
      {pending.length === 0 ? (
        <Empty>没有待审核的申请。</Empty>
      ) : (
        <ul className="list" data-testid="pending-binding-requests">
          {pending.map((r) => (
            <PendingRequest
              key={r.id}
              request={r}
              label={labelOf(props.data.units, r.unitId)}
              reload={props.reload}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingRequest(props: { request: BindingRequest; label: string; reload: () => void }) {
  const r = props.request;
  const [reason, setReason] = useState('');
  const [scan, setScan] = useState<string | null>(null);
  const action = useAction();
  useEffect(
    () => () => {
      if (scan !== null) URL.revokeObjectURL(scan);
    },
    [scan],
  );
  const decide = (verdict: 'approve' | 'reject') =>
    void action
      .run(
        () =>
          api(`/communities/${r.communityId}/binding-requests/${r.id}/${verdict}`, {
            method: 'POST',
            body: reason.trim() === '' ? {} : { reason: reason.trim() },
          }),
        verdict === 'approve' ? `已通过：${props.label}` : `已驳回：${props.label}`,
      )
      .then((ok) => ok && props.reload());
  const show = () =>
    void action.run(async () => {
      const file = await apiFile(r.evidence.url);
      setScan(URL.createObjectURL(file.blob));
    });
  const image = r.evidence.contentType.startsWith('image/');
  return (
    <li aria-label={`绑定申请：${props.label}`}>
      <p>
        <strong>{props.label}</strong> · 提交于 {formatTime(r.createdAt)}
      </p>
      {scan === null ? (
        <button type="button" className="button secondary" onClick={show}>
          查看证件
        </button>
      ) : image ? (
        <img src={scan} alt={`${props.label}的证件照片`} className="scan" />
      ) : (
        <a href={scan} download={r.evidence.fileName ?? '证件.pdf'}>
          下载证件 PDF
        </a>
      )}
      <label className="form-label">
        理由（驳回时必填）
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </label>
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={action.pending}
          onClick={() => decide('approve')}
        >
          通过
        </button>
        <button
          type="button"
          className="button danger"
          disabled={action.pending || reason.trim() === ''}
          onClick={() => decide('reject')}
        >
          驳回
        </button>
      </div>
      <ActionNote error={action.error} done={action.done} />
    </li>
  );
}
