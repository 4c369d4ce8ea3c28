import {
  type CaseDetail,
  type Opinion,
  type Party,
  type ResolutionOnCase,
  type Task,
  type TimelineItem,
} from '../../api/types';
import { formatTime, PARTY_LABELS, STAGE_LABELS } from '../../labels';

/** A timeline entry's party and stage, when its event names them: `（物业服务企业，分析研判）`. */
export function eventDetail(e: TimelineItem): string {
  const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Record<
    string,
    unknown
  >;
  const party = typeof data.party === 'string' ? PARTY_LABELS[data.party as Party] : undefined;
  const stage =
    typeof data.stage === 'string' ? STAGE_LABELS[data.stage as CaseDetail['stage']] : undefined;
  const parts = [party, stage].filter((p) => p !== undefined);
  return parts.length === 0 ? '' : `（${parts.join('，')}）`;
}

/** A resolution's vote on the case page: open until its close, passed or not. */
export function resolutionStatusText(r: ResolutionOnCase): string {
  return r.status === 'open'
    ? `表决中，${formatTime(r.closesAt)} 截止`
    : r.status === 'passed'
      ? '已通过'
      : '未通过';
}

/** A task's state under its title: done, or how far along. */
export function taskStatusText(task: Task): string {
  return task.status === 'done' ? '已完成' : `进度 ${task.percent}%`;
}

/** One progress report's figure: 完成, or the percent reported. */
export function reportText(r: Task['reports'][number]): string {
  return r.kind === 'completion' ? '完成' : `${r.percent}%`;
}

/** Who wrote an opinion, after the name: a resident, or the party they speak for. */
export function opinionAuthorText(o: Opinion): string {
  return o.party === null ? '（居民）' : `（${PARTY_LABELS[o.party]}）`;
}

/** The opening of an opinion quoted above a reply to it. */
export function quoteOf(o: Opinion): string {
  return o.content.slice(0, 40);
}
