import { type FormEvent, useState } from 'react';
import { api, newIdempotencyKey } from '../api/client';
import { DateField } from '../date-field';
import { type Proxy, type Unit } from '../api/types';
import { formatTime } from '../labels';
import { Link } from '../router';
import { useSession } from '../session';
import { ConfirmAction, Empty, Loaded, ActionNote, useAction, useLoad } from '../ui';
import { listUnits, unitText } from '../units';

interface ProxiesData {
  proxies: Proxy[];
  units: Unit[];
}

/**
 * Written proxies (委托书, docs/voting.md): an owner names an agent who votes for their unit while
 * the proxy is valid, and can revoke it; an agent sees the proxies naming them. The agent is named
 * by their account number (账号编号), which they read on this page and pass on.
 */
export function ProxiesPage() {
  const { membership, me } = useSession();
  const communityId = membership?.communityId ?? '';
  const myUnits = membership?.unitIds ?? [];
  const [load, reload] = useLoad<ProxiesData>(
    async (signal) => {
      const [proxies, units] = await Promise.all([
        api<{ items: Proxy[] }>(`/communities/${communityId}/proxies`, { signal }),
        listUnits(communityId, {}, signal),
      ]);
      return { proxies: proxies.items, units };
    },
    [communityId],
  );
  return (
    <section>
      <p>
        <Link to="/home">← 返回社区议事</Link>
      </p>
      <h1>委托投票</h1>
      <p className="lead">
        不方便自己投票时，可以书面委托一位社区成员代您投票。委托期间您本人仍可投票，本人投的票为准。
      </p>
      <section className="card section">
        <h2>我的账号编号</h2>
        <p className="muted">别人要委托您代为投票时，请把这个编号告诉对方。</p>
        <p className="account-id" data-testid="my-account-id">
          {me.id}
        </p>
      </section>
      {membership === null ? (
        <Empty>您还不是任何社区的成员。</Empty>
      ) : (
        <Loaded load={load} reload={reload}>
          {(data) => (
            <>
              {myUnits.length === 0 ? null : (
                <ProxyForm
                  communityId={communityId}
                  units={data.units.filter((u) => myUnits.includes(u.id))}
                  reload={reload}
                />
              )}
              <ProxyList data={data} myUnits={myUnits} meId={me.id} reload={reload} />
            </>
          )}
        </Loaded>
      )}
    </section>
  );
}

/** The day's last second in China Standard Time, whatever the phone's zone. */
const endOfDay = (day: string): string => new Date(`${day}T23:59:59+08:00`).toISOString();

function ProxyForm(props: { communityId: string; units: Unit[]; reload: () => void }) {
  const [unitId, setUnitId] = useState(props.units[0]?.id ?? '');
  const [agentId, setAgentId] = useState('');
  const [until, setUntil] = useState('');
  const [scanUrl, setScanUrl] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const action = useAction();
  const [missingDate, setMissingDate] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Three selects cannot be `required`: a date not fully chosen is said here, before any request.
    setMissingDate(until === '');
    if (until === '') return;
    const ok = await action.run(
      () =>
        api(`/communities/${props.communityId}/proxies`, {
          method: 'POST',
          idempotencyKey: key,
          body: {
            unitId,
            agentId: agentId.trim(),
            validUntil: endOfDay(until),
            scanUrl: scanUrl.trim(),
          },
        }),
      '委托已登记',
    );
    if (ok) {
      setAgentId('');
      setScanUrl('');
      setKey(newIdempotencyKey());
      props.reload();
    }
  };
  return (
    <form className="form card section" onSubmit={(e) => void submit(e)} aria-label="登记委托书">
      <h2>登记委托书</h2>
      <label>
        委托的房屋
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)} required>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitText(u)}
            </option>
          ))}
        </select>
      </label>
      <label>
        受托人账号编号
        <input
          value={agentId}
          onChange={(e) => setAgentId(e.target.value)}
          required
          pattern="[0-9a-fA-F-]{36}"
          title="36 位账号编号，请向受托人索取"
          autoComplete="off"
        />
      </label>
      <DateField
        label="委托有效期至"
        value={until}
        onChange={(day) => {
          setUntil(day);
          if (day !== '') setMissingDate(false);
        }}
        firstYear={new Date().getFullYear()}
      />
      {missingDate ? (
        <p className="note note-error" role="alert">
          请选择委托有效期至哪一天（年、月、日）。
        </p>
      ) : null}
      <label>
        委托书扫描件链接
        <input
          type="url"
          value={scanUrl}
          onChange={(e) => setScanUrl(e.target.value)}
          required
          placeholder="https://"
        />
      </label>
      <p className="muted">委托书须本人签字；有效期最长一年。</p>
      <ActionNote error={action.error} done={action.done} />
      <button type="submit" className="button primary" disabled={action.pending}>
        登记委托
      </button>
    </form>
  );
}

function ProxyList(props: {
  data: ProxiesData;
  myUnits: string[];
  meId: string;
  reload: () => void;
}) {
  const { proxies, units } = props.data;
  const unitName = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u === undefined ? '房屋' : unitText(u);
  };
  return (
    <section className="card section">
      <h2>委托记录</h2>
      {proxies.length === 0 ? (
        <Empty>
          还没有委托。
          {props.myUnits.length > 0
            ? '不方便自己投票时，在上面登记委托书，受托人就能代您投票。'
            : '别人委托您代为投票后，委托会列在这里。'}
        </Empty>
      ) : (
        <ul className="list" data-testid="proxies">
          {proxies.map((p) => (
            <li key={p.id} data-testid={`proxy-${p.id}`}>
              <p>
                <strong>{unitName(p.unitId)}</strong>
                {p.agentId === props.meId ? '（委托给您）' : ''}
              </p>
              <p className="muted">
                {formatTime(p.validFrom)} 至 {formatTime(p.validUntil)} ·{' '}
                {p.revokedAt !== null
                  ? `已撤销（${formatTime(p.revokedAt)}）`
                  : p.active
                    ? '有效'
                    : '不在有效期内'}
              </p>
              {p.agentId === props.meId ? null : <p className="muted">受托人账号：{p.agentId}</p>}
              {p.revokedAt === null && props.myUnits.includes(p.unitId) ? (
                <ConfirmAction
                  label="撤销委托"
                  confirmLabel="确定撤销"
                  groupLabel="确认撤销委托"
                  question={`撤销${unitName(p.unitId)}的委托吗？撤销后受托人不能再代您投票，已投的票不变。`}
                  action={() =>
                    api(`/communities/${p.communityId}/proxies/${p.id}/revoke`, { method: 'POST' })
                  }
                  done="委托已撤销"
                  onDone={props.reload}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
