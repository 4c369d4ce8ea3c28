import '../../styles/demands.css';
import './whistles.css';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import {
  type MyDepartment,
  type Page,
  type WhistleListItem,
  type WhistleStatus,
} from '../../api/types';
import { DEPARTMENT_ROLE_LABELS } from '../../labels';
import { useSession } from '../../session';
import { Empty, Loaded, useLoad } from '../../ui';
import { WhistleCards } from './whistle-cards';
import { asDepartmentSees } from './whistle-rules';

/*
 * 部门工作台: a department member's phone. The whistles sent to their department, 待签收 first
 * (newest first), then by deadline, the finished last; one tap opens a whistle to 签收, 报到 and
 * 反馈. Someone in several departments picks one. The list is read again when the phone shows the
 * page again (a new whistle may have come meanwhile).
 */

const CHOSEN_KEY = 'yishi.department';

/**
 * What the desk says once, on arrival: a whistle just passed on (流转) is no longer the
 * department's to read, so its page sends the member here with the news. The list leaves it out
 * (its read model may not have caught up with the transfer yet).
 */
interface News {
  message: string;
  passedOn: string;
}
let news: News | null = null;

export function tellDesk(message: string, passedOn: string): void {
  news = { message, passedOn };
}

function keptChoice(): string | null {
  try {
    return window.localStorage.getItem(CHOSEN_KEY);
  } catch {
    return null;
  }
}

function keepChoice(departmentId: string): void {
  try {
    window.localStorage.setItem(CHOSEN_KEY, departmentId);
  } catch {
    // No storage: the first department is shown next time.
  }
}

/** The departments a user works in (an older kept /me has none). */
export function departmentsOf(me: { departments?: MyDepartment[] }): MyDepartment[] {
  return me.departments ?? [];
}

export function DepartmentDeskPage() {
  const { me } = useSession();
  const departments = departmentsOf(me);
  const [chosen, setChosen] = useState(keptChoice);
  const [told] = useState(() => news);
  useEffect(() => {
    news = null;
  }, []);
  const department = departments.find((d) => d.departmentId === chosen) ?? departments[0];
  return (
    <section className="department-desk">
      <h1>部门工作台</h1>
      {told === null ? null : (
        <p className="note note-done" role="status">
          {told.message}
        </p>
      )}
      {department === undefined ? (
        <Empty>您还不是任何街道部门的成员。如需接收社区吹哨，请联系街道办把您加入部门。</Empty>
      ) : (
        <>
          {departments.length > 1 ? (
            <label className="department-choice">
              我的部门
              <select
                value={department.departmentId}
                onChange={(e) => {
                  setChosen(e.target.value);
                  keepChoice(e.target.value);
                }}
              >
                {departments.map((d) => (
                  <option key={d.departmentId} value={d.departmentId}>
                    {d.streetName} {d.departmentName}（{DEPARTMENT_ROLE_LABELS[d.role]}）
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="muted">
              {department.streetName} {department.departmentName} ·{' '}
              {DEPARTMENT_ROLE_LABELS[department.role]}
            </p>
          )}
          <DepartmentWhistles
            key={department.departmentId}
            department={department}
            passedOn={told?.passedOn ?? null}
          />
        </>
      )}
    </section>
  );
}

const PAGE = 50;

function DepartmentWhistles(props: { department: MyDepartment; passedOn: string | null }) {
  const { departmentId, departmentName } = props.department;
  const [load, reload] = useLoad(
    (signal) =>
      api<Page<WhistleListItem>>(`/departments/${departmentId}/whistles?limit=${PAGE}`, {
        signal,
      }),
    [departmentId],
  );
  useEffect(() => {
    const shown = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', shown);
    return () => document.removeEventListener('visibilitychange', shown);
  }, [reload]);
  return (
    <Loaded load={load} reload={reload}>
      {(all) => {
        const items = all.items
          .filter((w) => w.id !== props.passedOn)
          .map((w) => asDepartmentSees(w, departmentId));
        const page = { items, total: all.total - (all.items.length - items.length) };
        const count = (...statuses: WhistleStatus[]) =>
          page.items.filter((w) => statuses.includes(w.status)).length;
        const waiting = count('issued');
        const handling = count('accepted', 'on-site');
        const answered = count('answered');
        if (page.items.length === 0)
          return (
            <Empty>
              {departmentName}暂时没有吹哨。社区吹哨派给本部门后会出现在这里，“消息”里也会提醒您。
            </Empty>
          );
        return (
          <>
            <p className="summary" role="status">
              {waiting > 0
                ? `有 ${waiting} 件吹哨待签收，请尽快打开签收。`
                : handling > 0
                  ? `有 ${handling} 件吹哨正在办理，请按期限到场报到、反馈。`
                  : answered > 0
                    ? `没有要办的吹哨；已反馈的 ${answered} 件在等社区评价。`
                    : '没有要办的吹哨。'}
            </p>
            <WhistleCards items={page.items} showCommunity toAccept testId="department-whistles" />
            {page.total > page.items.length ? <p className="muted">只显示前 {PAGE} 件。</p> : null}
            <button type="button" className="button secondary" onClick={reload}>
              刷新
            </button>
          </>
        );
      }}
    </Loaded>
  );
}
