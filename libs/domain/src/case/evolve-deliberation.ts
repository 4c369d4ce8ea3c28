import {
  type AnalysisRecorded,
  type DemandSubmitted,
  type DemandsLinked,
  type NoticePublished,
  type OpinionPosted,
  type ResolutionCancelled,
  type ResolutionDrafted,
  type VoteRecorded,
} from './events';
import { guardFor } from './evolve-guard';
import { currentEntry } from './gates';
import { type Case } from './types';

/** The events of gathering, analysis and deliberation: demands, the analysis, opinions, votes. */
export type DeliberationEvent =
  | DemandSubmitted
  | DemandsLinked
  | AnalysisRecorded
  | NoticePublished
  | OpinionPosted
  | ResolutionDrafted
  | VoteRecorded
  | ResolutionCancelled;

export function evolveDeliberation(state: Case, event: DeliberationEvent): Case {
  const { check, inStage } = guardFor(state, event.type);

  switch (event.type) {
    case 'DemandSubmitted': {
      const d = event.data;
      inStage('gathering');
      check(!state.demands.some((x) => x.id === d.demandId), 'duplicate demand id');
      return {
        ...state,
        demands: [
          ...state.demands,
          {
            id: d.demandId,
            content: d.content,
            source: d.source,
            unitId: d.unitId,
            submittedAt: d.submittedAt,
            submittedBy: d.submittedBy,
          },
        ],
      };
    }

    case 'DemandsLinked': {
      check(state.status === 'open', 'demands linked to a closed case');
      const known = new Set(state.demands.map((x) => x.id));
      for (const d of event.data.demands) check(!known.has(d.demandId), 'demand linked twice');
      return {
        ...state,
        demands: [
          ...state.demands,
          ...event.data.demands.map((d) => ({
            id: d.demandId,
            content: d.content,
            source: d.source,
            unitId: d.unitId,
            submittedAt: d.submittedAt,
            submittedBy: d.submittedBy,
            number: d.number,
            linkedAt: event.data.linkedAt,
          })),
        ],
      };
    }

    case 'AnalysisRecorded': {
      const d = event.data;
      inStage('analysis');
      return {
        ...state,
        analysis: {
          summary: d.summary,
          leadParty: d.leadParty,
          siteSurvey: d.siteSurvey,
          options: d.options,
          recordedAt: d.recordedAt,
          recordedBy: d.recordedBy,
        },
        // A changed analysis must be announced again: the old notice no longer describes it.
        notice: null,
      };
    }

    case 'NoticePublished':
      inStage('analysis');
      check(state.analysis !== null, 'no analysis to announce');
      return { ...state, notice: event.data };

    case 'OpinionPosted': {
      const d = event.data;
      check(state.status === 'open', 'the case is closed');
      check(d.stage === state.stage, 'posted in another stage');
      check(!state.opinions.some((o) => o.id === d.opinionId), 'duplicate opinion id');
      check(
        d.replyTo === null || state.opinions.some((o) => o.id === d.replyTo),
        'replies to an unknown opinion',
      );
      return {
        ...state,
        opinions: [
          ...state.opinions,
          {
            id: d.opinionId,
            content: d.content,
            replyTo: d.replyTo,
            party: d.party,
            stage: d.stage,
            postedAt: d.postedAt,
            authorId: d.authorId,
          },
        ],
      };
    }

    case 'ResolutionDrafted': {
      const d = event.data;
      inStage('deliberation');
      check(!state.resolutions.some((r) => r.id === d.resolutionId), 'duplicate resolution id');
      check(!state.resolutions.some((r) => r.status === 'open'), 'a resolution is open already');
      return {
        ...state,
        resolutions: [
          ...state.resolutions,
          {
            id: d.resolutionId,
            title: d.title,
            text: d.text,
            rule: d.rule,
            matter: d.matter,
            closesAt: d.closesAt,
            status: 'open',
            entry: currentEntry(state),
            draftedAt: d.draftedAt,
            draftedBy: d.draftedBy,
            tally: null,
            decidedAt: null,
          },
        ],
      };
    }

    case 'VoteRecorded': {
      const d = event.data;
      inStage('deliberation');
      const resolution = state.resolutions.find((r) => r.id === d.resolutionId);
      check(resolution?.status === 'open', 'the resolution is not open');
      return {
        ...state,
        resolutions: state.resolutions.map((r) =>
          r.id === d.resolutionId
            ? {
                ...r,
                status: d.passed ? 'passed' : 'failed',
                tally: d.tally,
                decidedAt: d.recordedAt,
              }
            : r,
        ),
      };
    }

    case 'ResolutionCancelled': {
      const d = event.data;
      const resolution = state.resolutions.find((r) => r.id === d.resolutionId);
      check(resolution?.status === 'open', 'the resolution is not open');
      return {
        ...state,
        resolutions: state.resolutions.map((r) =>
          r.id === d.resolutionId ? { ...r, status: 'cancelled', decidedAt: d.cancelledAt } : r,
        ),
      };
    }
  }
}
