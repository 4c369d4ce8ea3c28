import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { CHOICES, MATTERS, VOTING_RULES } from '@yishi/domain';
import {
  AgreedView,
  CouncilPartyView,
  OptionResultView,
  PlanOptionView,
  TurnoutView,
} from './decision.dto';

export class ElectorateTotalsView {
  @ApiProperty({ description: 'property units in the electorate' }) units!: number;
  @ApiProperty({
    description: 'owner headcount (one unit one owner; one person with several counts once)',
  })
  owners!: number;
  @ApiProperty({ description: 'exclusive area in m² (two decimals)', example: 1234.56 })
  area!: number;
  @ApiProperty({ description: 'the same area, exact, in hundredths of a square metre' })
  areaHundredths!: number;
}

export class MyBallotView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: CHOICES, description: 'for an option of a choice among plans: for' })
  choice!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'choosing among plans: the option chosen' })
  option?: number;
  @ApiProperty({ enum: ['online', 'proxy', 'paper'] }) channel!: string;
  @ApiProperty({ format: 'date-time' }) castAt!: string;
  @ApiProperty({
    description:
      "the owner's own ballot; false for a proxy's or a paper one (the owner may replace it)",
  })
  byOwner!: boolean;
}

export class MyUnitView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ description: 'the unit as residents name it, e.g. 12号楼2单元301室' })
  label!: string;
  @ApiProperty({
    enum: ['owner', 'proxy', 'building-lead'],
    description:
      'owner: own unit, bound by real name (online); proxy: an active written proxy (online); building-lead: enters its paper ballot',
  })
  as!: string;
}

export class MyVoteReasonView {
  @ApiProperty({ enum: ['FORBIDDEN', 'BINDING_REQUIRED'] }) code!: string;
  @ApiProperty({ description: 'Chinese, for the person: why they cannot vote (for some unit)' })
  message!: string;
}

export class MyVoteView {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'the units of the frozen electorate the caller may vote for: own (bound by real name), by an active proxy, or as the building lead entering paper; empty for anyone else',
  })
  eligibleUnitIds!: string[];
  @ApiProperty({ type: [MyUnitView], description: 'the same units, with their labels' })
  units!: MyUnitView[];
  @ApiProperty({
    type: [MyBallotView],
    description: "the ballots counted for those units and the caller's own units",
  })
  ballots!: MyBallotView[];
  @ApiPropertyOptional({
    type: MyVoteReasonView,
    nullable: true,
    description:
      'why the caller can vote for no unit (FORBIDDEN), or owns one not yet bound by real name (BINDING_REQUIRED); null otherwise',
  })
  reason!: MyVoteReasonView | null;
}

export class ResolutionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: VOTING_RULES }) rule!: string;
  @ApiProperty({ enum: MATTERS }) matter!: string;
  @ApiProperty({
    enum: ['open', 'passed', 'failed', 'cancelled'],
    description: 'cancelled: the case was closed while voting (no result)',
  })
  status!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ format: 'date-time', description: 'when voting opened (the electorate froze)' })
  openedAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'ballot box closed',
  })
  closedAt!: string | null;
  @ApiProperty({
    enum: ['voting', 'objection', 'final', 'cancelled'],
    description:
      'voting until the box closes; objection during the objection period (询异: status stays open); final once the result is final (status passed or failed)',
  })
  phase!: string;
  @ApiProperty({
    type: () => PreliminaryView,
    nullable: true,
    description:
      'the preliminary result published at the close, where there is an objection period',
  })
  preliminary!: PreliminaryView | null;
  @ApiProperty({
    type: ElectorateTotalsView,
    description:
      'frozen when voting opened; for a resident-poll units are households (tenants included), for a council units are the parties present',
  })
  electorate!: ElectorateTotalsView;
  @ApiPropertyOptional({
    type: [PlanOptionView],
    description: "choosing among plans: the options (a ballot's choice is an index)",
  })
  options?: PlanOptionView[];
  @ApiProperty({
    type: MyVoteView,
    description:
      "the signed-in caller's side of the vote: what they may vote for, and their ballots",
  })
  me!: MyVoteView;
}

export class CountView {
  @ApiProperty({ description: 'ballots (units)' }) units!: number;
  @ApiProperty({ description: 'owner headcount' }) owners!: number;
  @ApiProperty({ description: 'm², two decimals' }) area!: number;
  @ApiProperty({ description: 'hundredths of a square metre, exact' }) areaHundredths!: number;
}

export class ThresholdActualView {
  @ApiProperty() numerator!: number;
  @ApiProperty() denominator!: number;
  @ApiProperty({ type: String, nullable: true, example: '66.67' }) percent!: string | null;
}

export class ThresholdView {
  @ApiProperty({
    enum: [
      'participationArea',
      'participationOwners',
      'approvalArea',
      'approvalOwners',
      'forOverAgainst',
      'allPresentFor',
    ],
  })
  name!: string;
  @ApiProperty({ enum: ['area', 'owners', 'ballots'] }) measure!: string;
  @ApiProperty({ enum: ['at-least', 'more-than'] }) comparison!: string;
  @ApiProperty({ enum: ['1/2', '2/3', '3/4', '1/1'] }) required!: string;
  @ApiProperty({ type: ThresholdActualView }) actual!: ThresholdActualView;
  @ApiProperty() held!: boolean;
}

export class ExplanationView {
  @ApiProperty({ description: '中文说明' }) zh!: string;
  @ApiProperty() en!: string;
}

@ApiExtraModels(ThresholdView)
export class TallyResponse {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({
    description:
      'true once the result is final: at the close, or after the objection period (询异) where the community has one',
  })
  final!: boolean;
  @ApiProperty({ enum: VOTING_RULES }) rule!: string;
  @ApiProperty({ enum: MATTERS }) matter!: string;
  @ApiProperty({ type: CountView, description: 'the whole (frozen) electorate' })
  electorate!: CountView;
  @ApiProperty({ type: CountView }) participated!: CountView;
  @ApiProperty({ type: CountView }) for!: CountView;
  @ApiProperty({ type: CountView }) against!: CountView;
  @ApiProperty({ type: CountView }) abstain!: CountView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ThresholdView) },
    description:
      'simple-majority: forOverAgainst; civil-code-278: participationArea, participationOwners, approvalArea, approvalOwners',
  })
  thresholds!: Record<string, ThresholdView>;
  @ApiProperty({ description: 'passed (while open: would pass if it closed now)' })
  passed!: boolean;
  @ApiProperty({ type: ExplanationView }) explanation!: ExplanationView;
  @ApiPropertyOptional({ type: [OptionResultView], description: 'choosing among plans' })
  options?: OptionResultView[];
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'choosing among plans: the index of the winning option, null when none',
  })
  winner?: number | null;
  @ApiPropertyOptional({
    type: [Number],
    nullable: true,
    description: 'choosing among plans: the tied options (then no winner and it fails)',
  })
  tie?: number[] | null;
  @ApiPropertyOptional({ type: TurnoutView, description: 'resident-poll: answers ÷ households' })
  turnout?: TurnoutView;
  @ApiPropertyOptional({
    type: [CouncilPartyView],
    description: 'council: each party present and its answer',
  })
  parties?: CouncilPartyView[];
  @ApiPropertyOptional({ type: [AgreedView], description: 'council: who agreed, party → user' })
  agreed?: AgreedView[];
}

export class BallotResponse {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({
    description: 'the unit (a poll: the household) the ballot counts for; a council: the party',
  })
  unitId!: string;
  @ApiProperty({ enum: CHOICES, description: 'for an option of a choice among plans: for' })
  choice!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'choosing among plans: the option chosen' })
  option?: number;
  @ApiProperty({ enum: ['online', 'proxy', 'paper'] }) channel!: string;
  @ApiProperty({ description: "true for an owner's own ballot" }) byOwner!: boolean;
  @ApiProperty({ format: 'uuid', description: 'who cast it (the agent, or the lead entering it)' })
  castBy!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'proxy: the 委托书',
  })
  proxyId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'paper: the sheet reference' })
  sheetRef!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'paper from a printed ballot sheet: its serial (the same as sheetRef)',
  })
  serial!: string | null;
  @ApiProperty({ format: 'date-time' }) castAt!: string;
}

export class ProxyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid', description: 'the agent (受托人) account' }) agentId!: string;
  @ApiProperty({ format: 'uuid', description: 'the owner who registered it' }) grantedBy!: string;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validUntil!: string;
  @ApiProperty({ description: 'URL of the signed proxy scan' }) scanUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) revokedBy!: string | null;
  @ApiProperty({ description: 'inside its window and not revoked' }) active!: boolean;
}

export class ProxyList {
  @ApiProperty({ type: [ProxyView] }) items!: ProxyView[];
}

export class LeadBuildingView {
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
}

export class LeadBuildingsView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: [LeadBuildingView] }) buildings!: LeadBuildingView[];
}

export class DeveloperUnsoldResponse {
  @ApiProperty({ description: 'units whose mark changed' }) updated!: number;
}

export class ResolutionDraftedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['open'] }) status!: 'open';
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ description: 'the case version after the draft' }) version!: number;
}

export class BallotSheetView {
  @ApiProperty({ example: 'K7QD-3M9X-T2PW-H8RA', description: 'the serial printed on the sheet' })
  serial!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
  @ApiProperty({ example: '2单元' }) entrance!: string;
  @ApiProperty({ example: '301' }) room!: string;
  @ApiProperty({ description: 'm², as frozen in the electorate' }) area!: number;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ format: 'uuid' }) issuedBy!: string;
  @ApiProperty({
    enum: ['issued', 'cast', 'replaced', 'refused', 'voided'],
    description:
      "issued: not entered; cast: entered and counted; replaced: entered, then the owner's own online ballot replaced it; refused: entered after the unit had voted (not counted); voided: replaced by a new sheet",
  })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enteredAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the lead who entered it',
  })
  enteredBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) voidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) voidReason!: string | null;
}

export class BallotSheetList {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiPropertyOptional({ description: 'issue only: sheets created by this request' })
  created?: number;
  @ApiProperty({ type: [BallotSheetView] }) items!: BallotSheetView[];
}

export class ConflictBallotView {
  @ApiProperty({ enum: ['online', 'proxy', 'paper'] }) channel!: string;
  @ApiProperty({ enum: CHOICES }) choice!: string;
  @ApiProperty({ format: 'date-time', description: 'cast, or entered (paper)' }) castAt!: string;
  @ApiProperty({ format: 'uuid' }) castBy!: string;
  @ApiProperty({ enum: ['owner', 'proxy', 'building-lead'] }) castByRole!: string;
  @ApiProperty({ type: String, nullable: true }) serial!: string | null;
  @ApiProperty({ type: String, nullable: true }) sheetRef!: string | null;
  @ApiProperty({
    enum: ['counted', 'replaced', 'refused'],
    description: 'refused: a paper sheet entered after the unit had voted',
  })
  status!: string;
}

export class BallotConflictView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() estate!: string;
  @ApiProperty() building!: string;
  @ApiProperty() entrance!: string;
  @ApiProperty() room!: string;
  @ApiProperty({ enum: ['online', 'proxy', 'paper'], description: 'the channel that counts' })
  counted!: string;
  @ApiProperty({ type: ExplanationView, description: 'why that one counts' })
  reason!: ExplanationView;
  @ApiProperty({ type: [ConflictBallotView], description: 'oldest first' })
  ballots!: ConflictBallotView[];
}

export class BallotConflictReport {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({ type: [BallotConflictView] }) items!: BallotConflictView[];
}

export class PreliminaryView {
  @ApiProperty({ type: () => TallyResponse, description: 'the count at the close' })
  tally!: object;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'objections are accepted until then' })
  objectionUntil!: string;
}

export class CorrectionView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({
    enum: CHOICES,
    nullable: true,
    description: 'the corrected choice; null: the ballot is void',
  })
  choice!: string | null;
}

export class ObjectionAnswerView {
  @ApiProperty({ format: 'uuid' }) answeredBy!: string;
  @ApiProperty() upheld!: boolean;
  @ApiProperty({ description: 'the recorded reason' }) reason!: string;
  @ApiProperty({ type: CorrectionView, nullable: true }) correction!: CorrectionView | null;
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
}

export class ObjectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) filedBy!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'filed by an agent',
  })
  proxyId!: string | null;
  @ApiProperty() content!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
  @ApiProperty({ type: ObjectionAnswerView, nullable: true })
  answer!: ObjectionAnswerView | null;
}

export class ObjectionList {
  @ApiProperty({ type: [ObjectionView] }) items!: ObjectionView[];
}

export class ObjectionFiledResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
}

export class ObjectionAnsweredResponse extends ObjectionAnswerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({
    enum: ['objection', 'final'],
    description: 'final: this answer made the result final (the period was over)',
  })
  phase!: string;
}

export class PublishedUnitView {
  @ApiProperty() estate!: string;
  @ApiProperty({ type: String, nullable: true }) building!: string | null;
  @ApiProperty({ type: String, nullable: true }) entrance!: string | null;
  @ApiProperty() room!: string;
  @ApiProperty({ description: 'm²' }) area!: number;
  @ApiProperty({ enum: CHOICES, nullable: true, description: 'null: did not vote' })
  choice!: string | null;
}

export class PublicationTotalsView {
  @ApiProperty({ type: CountView }) electorate!: CountView;
  @ApiProperty({ type: CountView }) participated!: CountView;
  @ApiProperty({ type: CountView }) for!: CountView;
  @ApiProperty({ type: CountView }) against!: CountView;
  @ApiProperty({ type: CountView }) abstain!: CountView;
}

export class PublicationObjectionsView {
  @ApiProperty() filed!: number;
  @ApiProperty() answered!: number;
  @ApiProperty() upheld!: number;
  @ApiProperty({ description: 'ballots corrected by upheld objections' }) corrections!: number;
}

@ApiExtraModels(ThresholdView)
export class PublicationView {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: VOTING_RULES }) rule!: string;
  @ApiProperty({ enum: MATTERS }) matter!: string;
  @ApiProperty({ format: 'date-time' }) closedAt!: string;
  @ApiProperty({ enum: ['preliminary', 'final'] }) phase!: string;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  preliminaryPublishedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) objectionUntil!:
    string | null;
  @ApiProperty({
    enum: ['open', 'totals'],
    description: 'open (实名): units are listed; totals: totals only',
  })
  disclosure!: string;
  @ApiProperty({ type: PublicationTotalsView }) totals!: PublicationTotalsView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ThresholdView) },
  })
  thresholds!: Record<string, ThresholdView>;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: ExplanationView }) explanation!: ExplanationView;
  @ApiProperty({ type: PublicationObjectionsView }) objections!: PublicationObjectionsView;
  @ApiPropertyOptional({
    type: [PublishedUnitView],
    description:
      'only under open voting (实名): each unit of the electorate; never names, phones, ID numbers',
  })
  units?: PublishedUnitView[];
}
