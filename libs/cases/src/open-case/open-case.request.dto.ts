import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsUUID,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CIVIL_CODE_MATTERS,
  DECISION_KINDS,
  MECHANISMS,
  MEETING_REQUIREMENTS,
  PARTIES,
} from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

export class CaseScopeDto {
  @ApiProperty({ example: '金泰和庄', maxLength: 64 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  estate!: string;

  @ApiPropertyOptional({ example: '12号楼', maxLength: 64 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  building?: string;

  @ApiPropertyOptional({ example: '2单元', maxLength: 64 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  entrance?: string;
}

/** What deliberation needs (docs/procedure.md); either part may be left out. */
export class CaseProcedureDto {
  @ApiPropertyOptional({
    enum: MEETING_REQUIREMENTS,
    description: 'a meeting of the required parties before the decision; by default required',
  })
  @IsOptional()
  @IsIn(MEETING_REQUIREMENTS)
  meeting?: (typeof MEETING_REQUIREMENTS)[number];

  @ApiPropertyOptional({
    enum: DECISION_KINDS,
    description:
      "how the matter is decided: the owners' vote, a poll of the households, the parties in council, or none (the lead party acts); by default the mechanism's (five-party hall: owners-vote; neighbourhood consultation: council)",
  })
  @IsOptional()
  @IsIn(DECISION_KINDS)
  decision?: (typeof DECISION_KINDS)[number];
}

/** One household of a dispute (矛盾调解): its unit, and the people who speak and sign for it. */
export class MediationSideDto {
  @ApiProperty({ format: 'uuid', description: "the household's unit" })
  @IsUUID(undefined, { message: '房屋编号格式不正确' })
  unitId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'members of the community who sign for this side (1 to 10)',
  })
  @IsArray()
  @ArrayMinSize(1, { message: '每一方须有至少一名当事人' })
  @ArrayMaxSize(10)
  @IsUUID(undefined, { each: true, message: '当事人编号格式不正确' })
  userIds!: string[];
}

export class OpenCaseRequest {
  @ApiProperty({ enum: MECHANISMS })
  @IsIn(MECHANISMS)
  mechanism!: (typeof MECHANISMS)[number];

  @ApiProperty({ example: '12号楼2单元下水道反复堵塞', maxLength: 100 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;

  @ApiProperty({ maxLength: 5000 })
  @Transform(nfcTrim)
  @IsString()
  @MaxLength(5000)
  description!: string;

  @ApiProperty({ example: '设施维修', maxLength: 32 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  category!: string;

  @ApiProperty({ type: CaseScopeDto })
  @ValidateNested()
  @Type(() => CaseScopeDto)
  scope!: CaseScopeDto;

  @ApiPropertyOptional({
    enum: PARTIES,
    isArray: true,
    description: '邻里会商: the parties the matter concerns, besides the required two',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(PARTIES, { each: true })
  involvedParties?: (typeof PARTIES)[number][];

  @ApiPropertyOptional({ type: CaseProcedureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseProcedureDto)
  procedure?: CaseProcedureDto;

  @ApiPropertyOptional({
    enum: CIVIL_CODE_MATTERS,
    description:
      "the matter of Civil Code Art. 278 the case decides: then the decision must be the owners' vote (400 otherwise), with the matter's threshold",
  })
  @IsOptional()
  @IsIn(CIVIL_CODE_MATTERS)
  civilCodeMatter?: (typeof CIVIL_CODE_MATTERS)[number];

  @ApiPropertyOptional({
    type: [MediationSideDto],
    description:
      'mediation (矛盾调解) only, and required there: the households in dispute, 2 to 10, each a unit of the community with its people',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MediationSideDto)
  sides?: MediationSideDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'mediation only, and required there: the member who mediates (role mediator, or a secretary)',
  })
  @IsOptional()
  @IsUUID(undefined, { message: '调解员编号格式不正确' })
  mediatorId?: string;
}

export class OpenCaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'gathering' }) stage!: string;
  @ApiProperty({ example: 'open' }) status!: string;
  @ApiProperty() version!: number;
}
