/**
 * The particulars of a step in a demand's timeline, in Chinese, for GET /demands/:demandId: the
 * category and source of an intake, who a demand was given to and by when, the reason of a
 * refusal or a withdrawal, the note of a resolution, the answer of a confirmation. Times in China
 * Standard Time, Chinese form.
 */
import {
  CONFIRMATION_RECORDER_LABELS,
  DEMAND_CATEGORY_LABELS,
  DEMAND_SOURCE_LABELS,
  formatChineseTime,
  PARTY_LABELS,
  RATING_LABELS,
  type DemandEvent,
} from '@yishi/domain';

const joined = (parts: readonly (string | null | undefined | false)[]): string | null => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length === 0 ? null : kept.join('；');
};

export function timelineDetail(event: DemandEvent): string | null {
  switch (event.type) {
    case 'DemandReceived': {
      const d = event.data;
      return joined([
        `${d.number}`,
        `${DEMAND_CATEGORY_LABELS[d.category]}，${DEMAND_SOURCE_LABELS[d.source]}`,
        d.onBehalfOf !== null && `代${d.onBehalfOf.name}登记`,
        d.photoIds.length > 0 && `照片 ${d.photoIds.length} 张`,
        `${formatChineseTime(d.acceptDueAt)}前签收`,
      ]);
    }
    case 'DemandAccepted':
      return event.data.onTime ? '按时签收' : '超时签收';
    case 'DemandAssigned': {
      const d = event.data;
      return joined([
        d.party !== null && `承办方：${PARTY_LABELS[d.party]}`,
        d.userId !== null && '已指定承办人',
        d.gridId !== null && '转交网格',
        `${formatChineseTime(d.dueAt)}前办结`,
        d.note,
      ]);
    }
    case 'DemandRefused':
      return `退回理由：${event.data.reason}`;
    case 'DemandResolved':
      return joined([
        `第 ${event.data.round} 轮办理：${event.data.note}`,
        event.data.photoIds.length > 0 && `照片 ${event.data.photoIds.length} 张`,
        `请于${formatChineseTime(event.data.confirmDueAt)}前评价`,
      ]);
    case 'DemandConfirmed': {
      const d = event.data;
      return joined([
        `${RATING_LABELS[d.rating]}（${CONFIRMATION_RECORDER_LABELS[d.recordedBy]}）`,
        d.comment,
        d.reopenedDueAt !== null && `重新办理，${formatChineseTime(d.reopenedDueAt)}前办结`,
      ]);
    }
    case 'DemandConfirmationLapsed':
      return `评价期限${formatChineseTime(event.data.dueAt)}已过，未评价`;
    case 'DemandWithdrawn':
      return event.data.reason === null ? null : `撤回理由：${event.data.reason}`;
    case 'DemandWhistled':
      return event.data.escalationId === null ? null : '逾期未办结，吹哨请街道督办';
    case 'DemandWhistleSettled':
      return event.data.outcome === 'withdrawn' ? '吹哨已撤回' : '吹哨已评价办结';
    case 'DemandMerged':
    case 'DemandEscalated':
    case 'DemandClosedWithCase':
    case 'DemandWhistleAnswered':
      return null;
  }
}
