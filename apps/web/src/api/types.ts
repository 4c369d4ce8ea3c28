/**
 * The shapes of the public API this app reads: names for the schemas of the OpenAPI document,
 * generated into schema.generated.ts (npm run gen:api-types; `npm run lint:openapi` fails when it
 * is stale). Change a shape in the API's DTOs, not here.
 */
import { type components } from './schema.generated';

type Schemas = components['schemas'];

// The vocabularies, named from the document; the lists the pages iterate are checked against them.
export type Stage = Schemas['CaseSummaryView']['stage'];
export const STAGES = [
  'gathering',
  'analysis',
  'deliberation',
  'follow-up',
] as const satisfies readonly Stage[];

export type Party = Schemas['CasePartyView']['party'];
export const PARTIES = [
  'party-organisation',
  'owners-committee',
  'property-company',
  'resident-representatives',
  'partner-units',
] as const satisfies readonly Party[];

export type Role = Schemas['MemberView']['roles'][number];
export type Mechanism = Schemas['CaseSummaryView']['mechanism'];
export type DemandSource = Schemas['CaseDemandView']['source'];
export type Rating = Schemas['EvaluationItemView']['rating'];
export type VotingRule = Schemas['ResolutionView']['rule'];
export type Matter = Schemas['ResolutionView']['matter'];
/** A yes/no answer; choosing among plans sends an option's index instead (decision-ballot.tsx). */
export type Choice = Exclude<Schemas['CastBallotRequest']['choice'], number>;

/** A case's procedure (docs/procedure.md): meeting, way of deciding, the Art. 278 matter. */
export type CaseProcedure = Schemas['CaseProcedureView'];
export type MeetingRequirement = CaseProcedure['meeting'];
export const MEETING_REQUIREMENTS = [
  'required',
  'optional',
] as const satisfies readonly MeetingRequirement[];
export type DecisionKind = CaseProcedure['decision'];
export const DECISION_KINDS = [
  'owners-vote',
  'resident-poll',
  'council',
  'none',
] as const satisfies readonly DecisionKind[];
export type CivilCodeMatter = NonNullable<CaseProcedure['civilCodeMatter']>;
export const CIVIL_CODE_MATTERS = [
  'management-rules',
  'committee-election',
  'property-company',
  'maintenance-fund-use',
  'maintenance-fund-raise',
  'rebuild',
  'common-parts-use',
  'other-major',
] as const satisfies readonly CivilCodeMatter[];
/** 矛盾调解: the sides, the mediator, the agreement (调解协议) and its signatures. */
export type Mediation = Schemas['MediationView'];
export type Settings = Schemas['SettingsView'];

export type TokenResponse = Schemas['TokenResponse'];
export type Membership = Schemas['MembershipView'];
export type Me = Schemas['MeResponse'];
export type Scope = Schemas['CaseScopeView'];
export type CaseSummary = Schemas['CaseSummaryView'];

export interface Page<T> {
  items: T[];
  total: number;
}

export type PartyStageRecord = Schemas['PartyStageRecordView'];
export type CaseParty = Schemas['CasePartyView'];
export type StageEntry = Schemas['StageEntryView'];
export type Demand = Schemas['CaseDemandView'];
export type Analysis = Schemas['AnalysisView'];
export type ResolutionOnCase = Schemas['CaseResolutionView'];
export type TaskReport = Schemas['TaskReportView'];
export type Task = Schemas['TaskView'];
export type Unmet = Schemas['UnmetView'];
export type CaseDetail = Schemas['CaseDetailView'];
export type TimelineItem = Schemas['TimelineItem'];
export type Notification = Schemas['NotificationItem'];
export type Resolution = Schemas['ResolutionView'];
export type Count = Schemas['CountView'];
/** One condition of the rule with the numbers it is decided on (GET /resolutions/:id/tally). */
export type Threshold = Schemas['ThresholdView'];
export type ThresholdName = Threshold['name'];
export type Tally = Schemas['TallyResponse'];
export type Member = Schemas['MemberListItem'];
export type PartyStats = Schemas['PartyStatsView'];
/** GET /communities/:id/stats: the cohort of cases opened in [from, to), as they stand now. */
export type Stats = Schemas['EstateStatsView'];
export type CommunityStats = Schemas['CommunityStatsView'];
/** A rate with the numerator and denominator it rests on. */
export type StatsRate = Schemas['StatsRateView'];
export type Unit = Schemas['UnitView'];
/** A written proxy (委托书): the agent votes for the unit while it is active. */
export type Proxy = Schemas['ProxyView'];
/** A party's response (反馈) or a resident's view on a case (GET /cases/:id/opinions). */
export type Opinion = Schemas['OpinionView'];

/** Canvassing (扫楼, docs/voting.md): where a unit stands and how far the vote is from two thirds. */
export type CanvassList = Schemas['CanvassListView'];
export type CanvassStatus = CanvassList['units'][number]['status'];
export type Visit = Schemas['VisitView'];
export type CanvassChannel = Visit['channel'];
export type CanvassOutcome = Visit['outcome'];
export type UnitPlace = Schemas['UnitPlaceView'];
export type AreaMeasure = Schemas['AreaMeasureView'];
export type HeadcountMeasure = Schemas['HeadcountMeasureView'];
export type BuildingTurnout = Schemas['BuildingTurnoutView'];
export type Turnout = Schemas['TurnoutResponse'];

/** 实名绑定: an account bound to a unit (never a number). */
export type UnitBinding = Schemas['UnitBindingView'];
export type BindingRequest = Schemas['BindingRequestView'];
/** 询异: an owner's objection to how their unit's vote is recorded, and the secretary's answer. */
export type Objection = Schemas['ObjectionView'];
/** A printed ballot sheet (表决票) with its serial. */
export type BallotSheet = Schemas['BallotSheetView'];
/** GET /resolutions/:id `me`: the units the caller may vote for and the ballots counted for them. */
export type MyVote = Schemas['MyVoteView'];
export type MyBallot = Schemas['MyBallotView'];

/** The demands ledger (诉求台账, docs/demands.md). */
export type LedgerDemand = Schemas['DemandListItemView'];
export type DemandDetail = Schemas['DemandDetailView'];
export type DemandStatus = LedgerDemand['status'];
export type DemandCategory = LedgerDemand['category'];
export type LedgerSource = LedgerDemand['source'];
export type DemandTimelineItem = Schemas['DemandTimelineItemView'];
export type SubmitLedgerDemand = Schemas['SubmitLedgerDemandRequest'];
export type Grid = Schemas['GridView'];
/** The demands' yardsticks on GET /communities/:id/stats (`demands`). */
export type DemandStats = Schemas['DemandStatsView'];
/** What a yardstick rests on: its numerator and denominator (the rate is null when 0). */
export type StatsBase = Schemas['StatsBaseView'];
export type DemandRateName = keyof Schemas['DemandBasesView'];
/** The answer of a write to one demand (accept, merge …): its status and the version written. */
export type DemandWrite = Schemas['DemandWriteResponse'];
/** POST /communities/:id/demands/import: the 12345 hotline's tickets, as the ledger took them. */
export type HotlineImport = Schemas['HotlineImportResponse'];

/** 吹哨报到 (docs/whistles.md): a whistle, its departments' tracks, the lists and the departments. */
export type WhistleDetail = Schemas['WhistleDetailView'];
export type WhistleTrack = Schemas['WhistleTrackView'];
export type WhistleTimelineItem = Schemas['WhistleTimelineItemView'];
export type WhistleListItem = Schemas['WhistleListItemView'];
export type WhistleStatus = WhistleListItem['status'];
export type WhistleWrite = Schemas['WhistleWriteResponse'];
export type IssueWhistle = Schemas['IssueWhistleRequest'];
/** GET /me `departments`: a department the user works in, with their role there. */
export type MyDepartment = Schemas['MyDepartmentView'];
export type Department = Schemas['DepartmentView'];
/** GET /communities/:id/departments: the community's street and whom a whistle may name. */
export type CommunityDepartments = Schemas['CommunityDepartments'];
export type Street = Schemas['StreetView'];
