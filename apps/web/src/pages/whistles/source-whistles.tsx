import './whistles.css';
import { useState } from 'react';
import { api } from '../../api/client';
import {
  type CommunityDepartments,
  type Page,
  type WhistleDetail,
  type WhistleListItem,
  type WhistleWrite,
} from '../../api/types';
import { Empty, Loaded, useLoad } from '../../ui';
import { ledgerWrite } from '../demands/ledger-api';
import { StepForm, WorkingDaysField } from '../step-form';
import { WhistleCards } from './whistle-cards';

/*
 * 吹哨 on a demand's or a case's page: the whistles issued from it, with where each stands, and
 * for the community's secretary the form to issue one (录入) to departments of the community's
 * street, the subject and description taken from the demand or the case.
 */

export type WhistleSource = { demandId: string } | { caseId: string };

interface SourceWhistlesData {
  whistles: WhistleListItem[];
  departments: CommunityDepartments;
}

export function SourceWhistles(props: {
  communityId: string;
  source: WhistleSource;
  /** The secretary may issue one now (the demand or the case is still open). */
  canIssue: boolean;
  subject: string;
  description: string;
}) {
  const { communityId, source } = props;
  const query = 'demandId' in source ? `demandId=${source.demandId}` : `caseId=${source.caseId}`;
  const [flash, setFlash] = useState<string | null>(null);
  const [load, reload] = useLoad<SourceWhistlesData>(
    async (signal) => {
      const [whistles, departments] = await Promise.all([
        api<Page<WhistleListItem>>(`/communities/${communityId}/whistles?${query}&limit=50`, {
          signal,
        }),
        api<CommunityDepartments>(`/communities/${communityId}/departments`, { signal }),
      ]);
      return { whistles: whistles.items, departments };
    },
    [communityId, query],
  );
  return (
    <section className="card section" aria-label="吹哨报到">
      <h2>吹哨报到</h2>
      {flash === null ? null : (
        <p className="note note-done" role="status">
          {flash}
        </p>
      )}
      <Loaded load={load} reload={reload}>
        {({ whistles, departments }) => {
          const name = (id: string) => departments.items.find((d) => d.id === id)?.name ?? null;
          return (
            <>
              {whistles.length === 0 ? (
                <Empty>
                  {props.canIssue
                    ? '还没有吹哨。社区解决不了、需要街道部门来办的，可以点下面的“吹哨”。'
                    : '没有吹哨。'}
                </Empty>
              ) : (
                <WhistleCards
                  items={whistles}
                  departmentName={name}
                  toRate
                  testId="source-whistles"
                />
              )}
              {props.canIssue ? (
                <IssueForm
                  {...props}
                  departments={departments}
                  onDone={(message) => {
                    setFlash(message);
                    reload();
                  }}
                />
              ) : null}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function IssueForm(props: {
  communityId: string;
  source: WhistleSource;
  subject: string;
  description: string;
  departments: CommunityDepartments;
  onDone: (message: string) => void;
}) {
  const { departments } = props;
  const [subject, setSubject] = useState(props.subject.slice(0, 100));
  const [chosen, setChosen] = useState<string[]>([]);
  const [hours, setHours] = useState('');
  const [days, setDays] = useState('');
  const [onSite, setOnSite] = useState(true);
  if (departments.street === null)
    return <p className="muted">本社区还没有归属街道，不能吹哨。请联系平台管理员设置所属街道。</p>;
  const toggle = (id: string, on: boolean) =>
    setChosen((now) => (on ? [...now, id] : now.filter((x) => x !== id)));
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const write = async (body: unknown, idempotencyKey: string) => {
    const issued = await ledgerWrite<WhistleWrite>(`/communities/${props.communityId}/whistles`, {
      method: 'POST',
      body,
      idempotencyKey,
    });
    // The list reads the same read model: once the whistle shows there, the list has it too.
    await api<WhistleDetail>(`/whistles/${issued.id}?minVersion=${issued.version}`);
  };
  return (
    <StepForm
      write={write}
      onDone={props.onDone}
      name="吹哨"
      opens={{ label: '吹哨：请街道部门来办', first: false }}
      text={{
        name: 'description',
        label: '情况说明',
        rows: 4,
        maxLength: 2000,
        required: true,
        initial: props.description.slice(0, 2000),
      }}
      ready={(description) => {
        const accept = number(hours);
        const answer = number(days);
        if (subject.trim() === '' || chosen.length === 0) return null;
        return {
          body: {
            subject: subject.trim(),
            description,
            departmentIds: chosen,
            ...props.source,
            ...(accept === undefined ? {} : { acceptWithinWorkingHours: accept }),
            ...(answer === undefined ? {} : { resolveWithinWorkingDays: answer }),
            onSite,
          },
          done: '已吹哨，部门签收、报到和反馈会显示在下面。',
        };
      }}
      submit={{ className: 'button primary big', label: '确认吹哨', sending: '正在吹哨…' }}
      below={
        <>
          <fieldset className="department-picks">
            <legend>请哪些部门来办？（{departments.street.name}）</legend>
            {chosen.length === 0 ? <p className="muted">请至少选择一个部门。</p> : null}
            {departments.items.map((d) => (
              <label key={d.id} className="choice">
                <input
                  type="checkbox"
                  name="departmentIds"
                  value={d.id}
                  checked={chosen.includes(d.id)}
                  onChange={(e) => toggle(d.id, e.target.checked)}
                />
                {d.name}
              </label>
            ))}
          </fieldset>
          <label>
            几个工作小时内签收（可不填：按默认时限）
            <input
              type="number"
              inputMode="decimal"
              min={0.5}
              max={80}
              step={0.5}
              name="acceptWithinWorkingHours"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
            />
          </label>
          <WorkingDaysField
            label="签收后几个工作日内反馈（可不填：按默认时限）"
            name="resolveWithinWorkingDays"
            value={days}
            onChange={setDays}
          />
          <label className="choice">
            <input type="checkbox" checked={onSite} onChange={(e) => setOnSite(e.target.checked)} />
            须到现场报到
          </label>
        </>
      }
    >
      <label>
        吹哨事项
        <input
          name="subject"
          maxLength={100}
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
        />
      </label>
    </StepForm>
  );
}
