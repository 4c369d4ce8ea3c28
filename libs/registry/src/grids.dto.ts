import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DEMAND_CATEGORIES, DEMAND_CATEGORY_LABELS } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';
import { GRID_ROBOT_KINDS, GRID_ROBOT_URL_MAX_LENGTH } from './grid-robots';
import { NAME_MAX_LENGTH } from './unit-rows';

// The bodies and answers of the grid routes (网格, 网格准入清单, 网格群机器人).

export const MAX_GRID_BUILDINGS = 500;
export const MAX_GRID_WORKERS = 50;

export class GridBuildingDto {
  @ApiProperty({ example: '金泰和庄', maxLength: NAME_MAX_LENGTH })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  estate!: string;

  @ApiProperty({ example: '12号楼', maxLength: NAME_MAX_LENGTH })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  building!: string;
}

const NAME: ApiPropertyOptions = { example: '第一网格', maxLength: 64 };
const BUILDINGS_TEXT =
  "buildings of the community's unit ledger (400 otherwise); a building belongs to at most one grid (409 ALREADY_EXISTS naming the grid that holds it)";
const WORKERS_TEXT = 'members of the community holding the grid-worker role (400 otherwise)';
const BUILDINGS: ApiPropertyOptions = {
  type: [GridBuildingDto],
  maxItems: MAX_GRID_BUILDINGS,
  description: BUILDINGS_TEXT,
};
const WORKERS: ApiPropertyOptions = {
  type: [String],
  maxItems: MAX_GRID_WORKERS,
  description: WORKERS_TEXT,
};

export class CreateGridRequest {
  @ApiProperty(NAME)
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name!: string;

  @ApiProperty(BUILDINGS)
  @IsArray()
  @ArrayMaxSize(MAX_GRID_BUILDINGS)
  @ValidateNested({ each: true })
  @Type(() => GridBuildingDto)
  buildings!: GridBuildingDto[];

  @ApiPropertyOptional(WORKERS)
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GRID_WORKERS)
  @IsUUID('all', { each: true })
  workerUserIds?: string[];
}

/** `PATCH /grids/:gridId`: what it names is replaced, under the rules of a new grid. */
export class UpdateGridRequest {
  @ApiPropertyOptional(NAME)
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({
    ...BUILDINGS,
    description: `the whole new list: ${BUILDINGS_TEXT}`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GRID_BUILDINGS)
  @ValidateNested({ each: true })
  @Type(() => GridBuildingDto)
  buildings?: GridBuildingDto[];

  @ApiPropertyOptional({ ...WORKERS, description: `the whole new list: ${WORKERS_TEXT}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GRID_WORKERS)
  @IsUUID('all', { each: true })
  workerUserIds?: string[];
}

export class SetAdmissionListRequest {
  @ApiProperty({
    type: [String],
    enum: DEMAND_CATEGORIES,
    maxItems: DEMAND_CATEGORIES.length,
    example: ['public-facilities', 'environment-sanitation'],
    description: 'the demand categories the grid must accept (网格准入清单), no repeats',
  })
  @IsArray()
  @ArrayUnique({ message: '准入清单中的类别不能重复' })
  @IsIn(DEMAND_CATEGORIES, {
    each: true,
    message: `类别须为以下之一：${DEMAND_CATEGORIES.map((c) => `${c}（${DEMAND_CATEGORY_LABELS[c]}）`).join('、')}`,
  })
  categories!: string[];
}

/** `PUT /grids/:gridId/robot`; the rules of the URL and secret are `validateGridRobot`'s. */
export class SetGridRobotRequest {
  @ApiProperty({ enum: GRID_ROBOT_KINDS, description: 'WeCom (企业微信) or DingTalk group robot' })
  @IsIn(GRID_ROBOT_KINDS, { message: '机器人类型须为 wecom（企业微信）或 dingtalk（钉钉）' })
  kind!: 'wecom' | 'dingtalk';

  @ApiProperty({
    maxLength: GRID_ROBOT_URL_MAX_LENGTH,
    example:
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
    description:
      "the robot's webhook: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (wecom) or https://oapi.dingtalk.com/robot/send?access_token=… (dingtalk); it holds the robot's key, so it is never shown again",
  })
  @IsString()
  @MaxLength(GRID_ROBOT_URL_MAX_LENGTH)
  webhookUrl!: string;

  @ApiPropertyOptional({
    example: 'SEC1a2b3c4d5e6f…',
    description:
      "a DingTalk robot's signing secret (加签, starts with SEC); messages are then signed. Never shown again",
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  secret?: string;
}

export class GridRobotView {
  @ApiProperty({ enum: GRID_ROBOT_KINDS }) kind!: 'wecom' | 'dingtalk';
  @ApiProperty({ enum: [true] }) configured!: true;
  @ApiProperty({ example: 'qyapi.weixin.qq.com', description: "the robot's host (never its URL)" })
  host!: string;
}

export class GridRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '第一网格' }) name!: string;
}

export class GridWorkerView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ example: '李网格员' }) displayName!: string;
}

export class GridBuildingView {
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
}

export class GridView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '第一网格' }) name!: string;
  @ApiProperty({ type: [GridBuildingView] }) buildings!: GridBuildingView[];
  @ApiProperty({
    type: [GridWorkerView],
    description: 'its workers who hold the grid-worker role today',
  })
  workers!: GridWorkerView[];
  @ApiProperty({
    type: [String],
    example: ['property-repair'],
    description: 'the demand categories the grid must accept (网格准入清单)',
  })
  admissionList!: string[];
  @ApiProperty({
    type: () => GridRobotView,
    nullable: true,
    description: 'its group-chat robot (一网格一微信群), null when none is set',
  })
  robot!: GridRobotView | null;
}

export class GridList {
  @ApiProperty({ type: [GridView] }) items!: GridView[];
}
