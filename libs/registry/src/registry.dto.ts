import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type SchemaObject } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DECISION_KINDS, MEETING_REQUIREMENTS, OCCUPANCIES, PARTIES, ROLES } from '@yishi/domain';
import { nfcTrim, PageQuery } from '@yishi/platform';
import { MAX_HOURS } from './settings';

// One PageQuery for every feature (the document keys classes by name): @yishi/platform's.
export { PageQuery };

export class UnitsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '金泰和庄' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  estate?: string;

  @ApiPropertyOptional({ example: '12号楼' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  building?: string;
}

/** `GET …/memberships`: a page (default 100, at most 500), optionally one role or the five parties. */
export class MembersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES, description: 'only members holding this role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only members of one of the five parties (party members and secretaries)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  withParty?: string;
}

export class CreateCommunityRequest {
  @ApiProperty({ example: '学苑社区', maxLength: 64 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name!: string;

  @ApiPropertyOptional({
    example: '秀谷镇',
    maxLength: 64,
    description:
      "the street's name (街道). Without `streetId`, the community is linked to the street of this name and district, made (with its office) if there is none; with it, it must be that street's name",
  })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  street?: string;

  @ApiPropertyOptional({
    example: '金溪县',
    maxLength: 64,
    description: "with `streetId`, filled from the street (if given, it must be the street's)",
  })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  district?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'additive: the street (POST /streets) the community belongs to; `street` and `district` are filled from it. An unknown street is 400 VALIDATION_FAILED',
  })
  @IsOptional()
  @IsUUID('all', { message: '街道编号无效' })
  streetId?: string;
}

export class CommunityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) street!: string | null;
  @ApiProperty({ type: String, nullable: true }) district!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "additive: the community's street in the registry (GET /streets/:streetId)",
  })
  streetId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CommunityList {
  @ApiProperty({ type: [CommunityView] }) items!: CommunityView[];
}

export class UnitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
  @ApiProperty({ example: '2单元' }) entrance!: string;
  @ApiProperty({ example: '301' }) room!: string;
  @ApiProperty({ example: 89.5, description: 'registered area in m², two decimals, exact' })
  area!: number;
}

export class UnitInputSchema {
  @ApiProperty({ example: '金泰和庄', maxLength: 64 }) estate!: string;
  @ApiProperty({ example: '12号楼', maxLength: 64 }) building!: string;
  @ApiProperty({ example: '2单元', maxLength: 64 }) entrance!: string;
  @ApiProperty({ example: '301', maxLength: 64 }) room!: string;
  @ApiProperty({
    example: 89.5,
    description: 'm², above 0, at most 100000, at most two decimals (a number or a string)',
  })
  area!: number;
}

export class ImportUnitsSchema {
  @ApiProperty({ type: [UnitInputSchema], maxItems: 20000 }) units!: UnitInputSchema[];
}

export class ImportUnitsResponse {
  @ApiProperty() created!: number;
  @ApiProperty({ type: [UnitView] }) units!: UnitView[];
}

export class UnitPage {
  @ApiProperty({ type: [UnitView] }) items!: UnitView[];
  @ApiProperty() total!: number;
}

const UNIT_IDS =
  "a resident's own units (owned or rented); for a unit-lead or neighbour-lead who is not a resident, the units they serve";
const LED_UNIT_IDS = 'the units a unit-lead (单元长) or neighbour-lead (邻长) serves';
const OCCUPANCY =
  "a resident's occupancy: owner (业主) or tenant (租户, never in an owners' electorate); null for other members";
const ESTATES =
  'the estates (小区, by name) a party-member is scoped to: notified of, and acknowledging, only the cases whose scope lies in them; empty or absent: the whole community';

/** `estates` of a membership request: names of the community's estates (checked by the registry). */
const EstatesField = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description: ESTATES, example: ['金泰和庄'] }),
    IsOptional(),
    // Names as the registry keeps them (NFC, trimmed), each.
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map((v: unknown) => nfcTrim({ value: v })) : value,
    ),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
  );

export class CreateMembershipRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['party-member'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: string[];

  @ApiPropertyOptional({ enum: PARTIES, description: 'required for party-member' })
  @IsOptional()
  @IsIn(PARTIES)
  party?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      "a resident's own units (required for resident); for a unit-lead or neighbour-lead who is not a resident, the units they serve",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'the units a unit-lead (单元长) or neighbour-lead (邻长) serves; required when the member is also a resident',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ledUnitIds?: string[];

  @ApiPropertyOptional({
    enum: OCCUPANCIES,
    description:
      "a resident's occupancy (default owner): a tenant (租户) submits demands and evaluates but is never in an owners' electorate",
  })
  @IsOptional()
  @IsIn(OCCUPANCIES)
  occupancy?: string;

  @EstatesField()
  estates?: string[];
}

export class UpdateMembershipRequest {
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ enum: PARTIES, nullable: true })
  @IsOptional()
  @IsIn(PARTIES)
  party?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ type: [String], description: LED_UNIT_IDS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ledUnitIds?: string[];

  @ApiPropertyOptional({ enum: OCCUPANCIES })
  @IsOptional()
  @IsIn(OCCUPANCIES)
  occupancy?: string;

  @EstatesField()
  estates?: string[];
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ enum: PARTIES, nullable: true }) party!: string | null;
  @ApiProperty({ type: [String], description: UNIT_IDS }) unitIds!: string[];
  @ApiProperty({ type: [String], description: LED_UNIT_IDS }) ledUnitIds!: string[];
  @ApiProperty({ enum: OCCUPANCIES, nullable: true, description: OCCUPANCY })
  occupancy!: string | null;
  @ApiProperty({ type: [String], description: `additive: ${ESTATES}` }) estates!: string[];
}

export class MemberListItem extends MemberView {
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
}

export class MemberList {
  @ApiProperty({ type: [MemberListItem] }) items!: MemberListItem[];
  @ApiProperty({ description: 'members matching the filter, over all pages' }) total!: number;
}

/** `procedureByCategory`'s schema (docs/procedure.md): a case category → its procedure. */
const PROCEDURE_BY_CATEGORY_SCHEMA: { additionalProperties: SchemaObject; example: unknown } = {
  additionalProperties: {
    type: 'object',
    properties: {
      meeting: { type: 'string', enum: [...MEETING_REQUIREMENTS] },
      decision: { type: 'string', enum: [...DECISION_KINDS] },
    },
  },
  example: { 邻里纠纷: { meeting: 'optional', decision: 'council' } },
};

export class SettingsView {
  @ApiProperty({ example: 48 }) acknowledgementHours!: number;
  @ApiProperty({ example: 24 }) reminderBeforeHours!: number;
  @ApiProperty({ example: 72 }) noticePeriodHours!: number;
  @ApiProperty({ example: 168 }) evaluationWindowHours!: number;
  @ApiProperty({ example: 0.6666666666666666 }) satisfactionThreshold!: number;
  @ApiProperty({ example: '2/3', description: 'the threshold, exactly' })
  satisfactionThresholdFraction!: string;
  @ApiProperty({
    example: 0.3,
    description:
      '最低参评比例: the share of the units in scope that must evaluate for a round to count; fewer, and the case closes unevaluated (never resolved). 0: no minimum. Applies to rounds concluded after a change',
  })
  minEvaluationResponse!: number;
  @ApiProperty({ example: '3/10', description: 'the minimum response, exactly' })
  minEvaluationResponseFraction!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: null,
    description:
      'working days to acknowledge a stage (Chinese calendar); null: acknowledgementHours',
  })
  acknowledgementWorkingDays!: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: null,
    description:
      'with acknowledgementWorkingDays: remind this many working days before; null: reminderBeforeHours',
  })
  reminderBeforeWorkingDays!: number | null;
  @ApiProperty({ example: 10, description: 'default due date of a task, in working days' })
  taskDueWorkingDays!: number;
  @ApiProperty({
    example: 24,
    description: 'hours before a task is due that its assignee is reminded',
  })
  taskReminderBeforeHours!: number;
  @ApiProperty({
    type: [Number],
    example: [72, 24],
    description:
      'hours before a vote closes at which owners whose units have not voted are reminded',
  })
  voteReminderHoursBeforeClose!: number[];
  @ApiProperty({
    example: 0,
    description:
      'the objection period (询异) after a vote closes, in working days; 0: none, the result is final at the close',
  })
  objectionWorkingDays!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: null,
    description: 'when not null, the objection period in clock hours instead of working days',
  })
  objectionHours!: number | null;
  @ApiProperty({
    enum: ['open', 'totals'],
    example: 'totals',
    description:
      "publication (公示): open (实名) lists each unit's room, area and choice; totals: totals only",
  })
  ballotDisclosure!: 'open' | 'totals';
  @ApiProperty({
    example: 'XY',
    description:
      "the prefix of the demands ledger's numbers (XY-20261207-0001): 2 to 6 capital letters; by default the pinyin initials of the community name's first two characters",
  })
  demandNumberPrefix!: string;
  @ApiProperty({
    example: 24,
    description:
      '签收时限: elapsed hours from receipt to accept a demand (applies to demands received after a change)',
  })
  demandAcceptHours!: number;
  @ApiProperty({
    example: 7,
    description:
      '办结时限: working days from receipt to resolve a demand, unless its category has its own',
  })
  demandResolveWorkingDays!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'public-facilities': 5 },
    description: 'per demand category, working days to resolve instead of demandResolveWorkingDays',
  })
  demandResolveWorkingDaysByCategory!: Record<string, number>;
  @ApiProperty({
    example: 3,
    description: '评价时限: working days to confirm a resolution; then it closes unevaluated',
  })
  demandConfirmWorkingDays!: number;
  @ApiProperty({
    example: 2,
    description:
      '吹哨签收时限: working hours (office hours of working days) for a department to accept a whistle (applies to whistles issued after a change)',
  })
  whistleAcceptWorkingHours!: number;
  @ApiProperty({
    example: 5,
    description: '吹哨反馈时限: working days from acceptance for a department to answer a whistle',
  })
  whistleAnswerWorkingDays!: number;
  @ApiProperty({
    type: 'object',
    ...PROCEDURE_BY_CATEGORY_SCHEMA,
    description:
      "a case category's own procedure, unless the request gives one (applies to cases opened after a change)",
  })
  procedureByCategory!: Record<string, { meeting?: string | null; decision?: string | null }>;
}

const hours = (): PropertyDecorator => (target, key) => {
  ApiPropertyOptional({
    // The field is `unknown` (checked in applySettingsPatch), which reflects as Object.
    type: Number,
    minimum: 0,
    maximum: MAX_HOURS,
    description: 'hours; 0 or fractional allowed',
  })(target, key);
  IsOptional()(target, key);
};

/** Checked field by field in `applySettingsPatch` (one place for the rules); unknown fields refused. */
export class UpdateSettingsRequest {
  @hours() acknowledgementHours?: unknown;
  @hours() reminderBeforeHours?: unknown;
  @hours() noticePeriodHours?: unknown;
  @hours() evaluationWindowHours?: unknown;
  @hours() taskReminderBeforeHours?: unknown;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 366 })
  @IsOptional()
  acknowledgementWorkingDays?: unknown;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, maximum: 365 })
  @IsOptional()
  reminderBeforeWorkingDays?: unknown;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 366 })
  @IsOptional()
  taskDueWorkingDays?: unknown;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 366 })
  @IsOptional()
  objectionWorkingDays?: unknown;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0, maximum: MAX_HOURS })
  @IsOptional()
  objectionHours?: unknown;

  @ApiPropertyOptional({ enum: ['open', 'totals'] })
  @IsOptional()
  ballotDisclosure?: unknown;

  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: '2/3',
    description: 'above 0 and at most 1: a number (0.75) or a fraction ("2/3")',
  })
  @IsOptional()
  satisfactionThreshold?: unknown;

  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'string' }],
    example: 0.3,
    description: '最低参评比例, from 0 to 1: a number (0.3) or a fraction ("3/10"); 0: no minimum',
  })
  @IsOptional()
  minEvaluationResponse?: unknown;

  @ApiPropertyOptional({
    type: [Number],
    example: [72, 24],
    description: 'at most 10 distinct hours above 0 (fractions allowed); [] sends no reminder',
  })
  @IsOptional()
  voteReminderHoursBeforeClose?: unknown;

  @ApiPropertyOptional({
    type: String,
    pattern: '^[A-Z]{2,6}$',
    example: 'XY',
    description: "the prefix of the demands ledger's numbers: 2 to 6 capital letters",
  })
  @IsOptional()
  demandNumberPrefix?: unknown;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    exclusiveMinimum: true,
    maximum: MAX_HOURS,
    description: '签收时限 in hours, above 0 (fractions allowed)',
  })
  @IsOptional()
  demandAcceptHours?: unknown;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 366 })
  @IsOptional()
  demandResolveWorkingDays?: unknown;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 366 },
    example: { 'public-facilities': 5 },
    description: 'demand category → working days to resolve; replaces the whole object ({} clears)',
  })
  @IsOptional()
  demandResolveWorkingDaysByCategory?: unknown;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 366 })
  @IsOptional()
  demandConfirmWorkingDays?: unknown;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    exclusiveMinimum: true,
    maximum: MAX_HOURS,
    description: '吹哨签收时限 in working hours, above 0 (fractions allowed)',
  })
  @IsOptional()
  whistleAcceptWorkingHours?: unknown;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 366 })
  @IsOptional()
  whistleAnswerWorkingDays?: unknown;

  @ApiPropertyOptional({
    type: 'object',
    ...PROCEDURE_BY_CATEGORY_SCHEMA,
    description: 'case category → its procedure; replaces the whole object ({} clears)',
  })
  @IsOptional()
  procedureByCategory?: unknown;
}

export class AuditItem {
  @ApiProperty() id!: number;
  @ApiProperty({ type: String, nullable: true }) communityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ example: 'membership.created' }) action!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditItem] }) items!: AuditItem[];
  @ApiProperty() total!: number;
}

export class EntrancePlace {
  @ApiProperty({ example: '2单元' }) name!: string;
  @ApiProperty({ example: 12, description: 'units registered in this entrance' }) units!: number;
}

export class BuildingPlace {
  @ApiProperty({ example: '12号楼' }) name!: string;
  @ApiProperty({ example: 24 }) units!: number;
  @ApiProperty({ type: [EntrancePlace] }) entrances!: EntrancePlace[];
}

export class EstatePlaceView {
  @ApiProperty({
    format: 'uuid',
    description: 'the estate (PUT …/estates/:estateId/property-company names its company)',
  })
  id!: string;
  @ApiProperty({ example: '金泰和庄' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '金溪县金泰物业服务有限公司',
    description: 'its property company (物业服务企业); null when none is registered',
  })
  propertyCompany!: string | null;
  @ApiProperty({ example: 72 }) units!: number;
  @ApiProperty({ type: [BuildingPlace] }) buildings!: BuildingPlace[];
}

export class PlaceTree {
  @ApiProperty({ type: [EstatePlaceView] }) items!: EstatePlaceView[];
}
