/**
 * The particulars of a step in a whistle's timeline, in Chinese, for GET /whistles/:whistleId: the
 * departments it was sent or passed to, whether a department accepted in time, the note of a
 * check-in, the result of an answer, a rating and its reason. Times in China Standard Time.
 */
import {
  formatChineseTime,
  RATING_LABELS,
  WHISTLE_DEADLINE_LABELS,
  type WhistleEvent,
} from '@yishi/domain';

const joined = (parts: readonly (string | null | undefined | false)[]): string | null => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length === 0 ? null : kept.join('；');
};

export function whistleTimelineDetail(
  event: WhistleEvent,
  name: (departmentId: string) => string,
): string | null {
  switch (event.type) {
    case 'WhistleIssued': {
      const d = event.data;
      return joined([
        `派给：${d.departmentIds.map(name).join('、')}`,
        `${formatChineseTime(d.acceptDueAt)}前签收`,
        !d.onSite && '无需到场报到',
      ]);
    }
    case 'WhistleAccepted': {
      const d = event.data;
      return joined([
        `${name(d.departmentId)}${d.onTime ? '按时签收' : '超时签收'}`,
        `${formatChineseTime(d.answerDueAt)}前反馈`,
      ]);
    }
    case 'WhistleTransferred': {
      const d = event.data;
      return joined([
        `${name(d.fromDepartmentId)}流转给${name(d.toDepartmentId)}`,
        `理由：${d.reason}`,
        `${formatChineseTime(d.acceptDueAt)}前签收`,
      ]);
    }
    case 'WhistleCheckedIn': {
      const d = event.data;
      return joined([
        `${name(d.departmentId)}到场`,
        d.colleagues.length > 0 && `同行：${d.colleagues.join('、')}`,
        d.note,
        d.photoIds.length > 0 && `照片 ${d.photoIds.length} 张`,
      ]);
    }
    case 'WhistleAnswered': {
      const d = event.data;
      return joined([
        `${name(d.departmentId)}第 ${d.round} 轮反馈：${d.result}`,
        d.photoIds.length > 0 && `照片 ${d.photoIds.length} 张`,
      ]);
    }
    case 'WhistleRated': {
      const d = event.data;
      return joined([
        `${name(d.departmentId)}：${RATING_LABELS[d.rating]}`,
        d.comment,
        d.reopenedAnswerDueAt !== null &&
          `重新办理，${formatChineseTime(d.reopenedAnswerDueAt)}前反馈`,
      ]);
    }
    case 'WhistleWithdrawn':
      return `撤回理由：${event.data.reason}`;
    case 'WhistleOverdueEscalated': {
      const d = event.data;
      return `${name(d.departmentId)}${WHISTLE_DEADLINE_LABELS[d.deadline]}（${formatChineseTime(d.dueAt)}）已过，已上报街道`;
    }
  }
}
