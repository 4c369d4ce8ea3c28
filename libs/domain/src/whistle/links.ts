/**
 * A whistle as the demand or the case it came from sees it (docs/whistles.md, "Links to demands
 * and cases"). The platform reports a whistle's progress to its demand or case after each of the
 * whistle's events (`WhistleProgress`, read from the whistle's stream); the demand or case records
 * each step once, in order: linked (吹哨), answered (the first 反馈), settled (closed after 评价, or
 * withdrawn). The steps only move forward, so reports that arrive late or twice change nothing.
 */
import { ValidationError } from '../errors';
import { oneOf, optionalFilled, record } from '../demand/guards';
import { type Whistle } from './types';

/** How a whistle ended, for the demand or case that waits on it. */
export const WHISTLE_LINK_OUTCOMES = ['closed', 'withdrawn'] as const;
export type WhistleLinkOutcome = (typeof WHISTLE_LINK_OUTCOMES)[number];

/** A whistle of a demand or a case, as that demand or case keeps it. */
export interface WhistleLink {
  readonly whistleId: string;
  /** The escalation it was made for (a case's `ack_…`/`task_…`/`eval_…`, a demand's timer); null when the community blew it. */
  readonly escalationId: string | null;
  readonly linkedAt: string;
  /** The first answer (反馈) of any of its departments. */
  readonly answeredAt: string | null;
  readonly outcome: WhistleLinkOutcome | null;
  readonly settledAt: string | null;
}

/** What the platform reports of a whistle (the `RecordWhistle` command's data). */
export interface WhistleProgress {
  readonly whistleId: string;
  readonly escalationId?: string | null;
  /** Some department has answered (反馈) at least once. */
  readonly answered: boolean;
  /** Closed (every track rated satisfied or basically) or withdrawn; null while open. */
  readonly outcome: WhistleLinkOutcome | null;
}

export type WhistleLinkStep =
  | { readonly step: 'linked'; readonly escalationId: string | null }
  | { readonly step: 'answered' }
  | { readonly step: 'settled'; readonly outcome: WhistleLinkOutcome };

/** The progress a whistle's state reports (the link's view of it). */
export function whistleProgress(whistle: Whistle, escalationId: string | null): WhistleProgress {
  const outcome =
    whistle.status === 'withdrawn' ? 'withdrawn' : whistle.status === 'closed' ? 'closed' : null;
  return {
    whistleId: whistle.id,
    escalationId,
    answered: whistle.tracks.some((t) => t.answers.length > 0),
    outcome,
  };
}

/** The steps a report adds to what the links record: none when it tells nothing new. */
export function whistleLinkSteps(
  links: readonly WhistleLink[],
  report: WhistleProgress,
): WhistleLinkStep[] {
  const r = record(report, 'data');
  const whistleId = optionalFilled(r.whistleId, 'whistleId', '吹哨');
  if (whistleId === null) throw new ValidationError('请指明吹哨', { field: 'whistleId' });
  if (typeof r.answered !== 'boolean')
    throw new ValidationError('answered 须为布尔值', { field: 'answered' });
  const outcome =
    r.outcome === null || r.outcome === undefined
      ? null
      : oneOf(WHISTLE_LINK_OUTCOMES, r.outcome, 'outcome', '吹哨结果');
  const known = links.find((l) => l.whistleId === whistleId);
  const steps: WhistleLinkStep[] = [];
  if (known === undefined)
    steps.push({
      step: 'linked',
      escalationId: optionalFilled(r.escalationId, 'escalationId', '吹哨缘由'),
    });
  if (r.answered && (known?.answeredAt ?? null) === null) steps.push({ step: 'answered' });
  if (outcome !== null && (known?.outcome ?? null) === null)
    steps.push({ step: 'settled', outcome });
  return steps;
}

export interface WhistledData {
  readonly whistleId: string;
  readonly escalationId: string | null;
  readonly whistledAt: string;
}
export interface WhistleAnsweredData {
  readonly whistleId: string;
  readonly answeredAt: string;
}
export interface WhistleSettledData {
  readonly whistleId: string;
  readonly outcome: WhistleLinkOutcome;
  readonly settledAt: string;
}

/** The events of a demand's or a case's link to a whistle (`DemandWhistled`, `CaseWhistleSettled` …). */
export type WhistleLinkEvent<P extends string> =
  | { readonly type: `${P}Whistled`; readonly data: WhistledData }
  | { readonly type: `${P}WhistleAnswered`; readonly data: WhistleAnsweredData }
  | { readonly type: `${P}WhistleSettled`; readonly data: WhistleSettledData };

/** The events a report of a whistle's progress appends to a demand (`Demand`) or a case (`Case`). */
export function whistleLinkEvents<P extends string>(
  prefix: P,
  links: readonly WhistleLink[],
  report: WhistleProgress,
  at: string,
): WhistleLinkEvent<P>[] {
  const whistleId = report.whistleId;
  return whistleLinkSteps(links, report).map((s): WhistleLinkEvent<P> => {
    if (s.step === 'linked')
      return {
        type: `${prefix}Whistled`,
        data: { whistleId, escalationId: s.escalationId, whistledAt: at },
      };
    if (s.step === 'answered')
      return { type: `${prefix}WhistleAnswered`, data: { whistleId, answeredAt: at } };
    return {
      type: `${prefix}WhistleSettled`,
      data: { whistleId, outcome: s.outcome, settledAt: at },
    };
  });
}

/** Folds a link event into the links. */
export function evolveWhistleLinks(
  links: readonly WhistleLink[],
  event: WhistleLinkEvent<string>,
): WhistleLink[] {
  const d = event.data;
  if ('whistledAt' in d)
    return applyWhistleLinkStep(
      links,
      d.whistleId,
      { step: 'linked', escalationId: d.escalationId },
      d.whistledAt,
    );
  if ('answeredAt' in d)
    return applyWhistleLinkStep(links, d.whistleId, { step: 'answered' }, d.answeredAt);
  return applyWhistleLinkStep(
    links,
    d.whistleId,
    { step: 'settled', outcome: d.outcome },
    d.settledAt,
  );
}

/** The links after one step of one whistle at `at`. */
function applyWhistleLinkStep(
  links: readonly WhistleLink[],
  whistleId: string,
  step: WhistleLinkStep,
  at: string,
): WhistleLink[] {
  if (step.step === 'linked') {
    if (links.some((l) => l.whistleId === whistleId)) return [...links];
    return [
      ...links,
      {
        whistleId,
        escalationId: step.escalationId,
        linkedAt: at,
        answeredAt: null,
        outcome: null,
        settledAt: null,
      },
    ];
  }
  return links.map((l) => {
    if (l.whistleId !== whistleId) return l;
    return step.step === 'answered'
      ? { ...l, answeredAt: l.answeredAt ?? at }
      : { ...l, outcome: l.outcome ?? step.outcome, settledAt: l.settledAt ?? at };
  });
}

/** The whistles still open (neither closed nor withdrawn); `community` keeps only those the community blew. */
export function openWhistleLinks(
  links: readonly WhistleLink[],
  only: 'all' | 'community' = 'all',
): WhistleLink[] {
  return links.filter((l) => l.outcome === null && (only === 'all' || l.escalationId === null));
}
