import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  DEPARTMENT_KINDS,
  DEPARTMENT_ROLE_LABELS,
  DEPARTMENT_ROLES,
  type DepartmentKind,
  type DepartmentRole,
} from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';
import { NAME_MAX_LENGTH } from './unit-rows';

// The bodies and answers of the street routes (街道, 部门, 街道干部).

const ROLE_CHOICES = DEPARTMENT_ROLES.map((r) => `${r}（${DEPARTMENT_ROLE_LABELS[r]}）`).join('或');

export class CreateStreetRequest {
  @ApiProperty({ example: '秀谷镇', maxLength: NAME_MAX_LENGTH })
  @Transform(nfcTrim)
  @IsString({ message: '街道名称须为文字' })
  @MinLength(1, { message: '街道名称不能为空' })
  @MaxLength(NAME_MAX_LENGTH, { message: `街道名称最多 ${NAME_MAX_LENGTH} 个字` })
  name!: string;

  @ApiPropertyOptional({
    example: '金溪县',
    maxLength: NAME_MAX_LENGTH,
    description: 'the district (区县) the street is in; a street name is unique within it',
  })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString({ message: '区县名称须为文字' })
  @MinLength(1, { message: '区县名称不能为空' })
  @MaxLength(NAME_MAX_LENGTH, { message: `区县名称最多 ${NAME_MAX_LENGTH} 个字` })
  district?: string;
}

export class StreetSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '秀谷镇' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '金溪县' }) district!: string | null;
  @ApiProperty({
    format: 'uuid',
    description: "the street's office (街道办, made with the street): its members are the officers",
  })
  officeDepartmentId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class StreetList {
  @ApiProperty({ type: [StreetSummary] }) items!: StreetSummary[];
}

export class DepartmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({ example: '城管执法中队' }) name!: string;
  @ApiProperty({
    enum: DEPARTMENT_KINDS,
    description: '`street-office`: the street office (街道办); `department`: a working department',
  })
  kind!: DepartmentKind;
  @ApiProperty({ type: 'integer', description: 'how many members it has' }) members!: number;
}

export class DepartmentList {
  @ApiProperty({ type: [DepartmentView] }) items!: DepartmentView[];
}

export class StreetCommunity {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '学苑社区' }) name!: string;
}

export class StreetView extends StreetSummary {
  @ApiProperty({ type: [StreetCommunity] }) communities!: StreetCommunity[];
  @ApiProperty({ type: [DepartmentView], description: 'the office first' })
  departments!: DepartmentView[];
}

export class CommunityDepartments {
  @ApiProperty({
    type: StreetSummary,
    nullable: true,
    description: "the community's street; null when it has none (then no departments)",
  })
  street!: StreetSummary | null;
  @ApiProperty({ type: [DepartmentView] }) items!: DepartmentView[];
}

export class CreateDepartmentRequest {
  @ApiProperty({ example: '城管执法中队', maxLength: NAME_MAX_LENGTH })
  @Transform(nfcTrim)
  @IsString({ message: '部门名称须为文字' })
  @MinLength(1, { message: '部门名称不能为空' })
  @MaxLength(NAME_MAX_LENGTH, { message: `部门名称最多 ${NAME_MAX_LENGTH} 个字` })
  name!: string;
}

export class AddDepartmentMemberRequest {
  @ApiProperty({ format: 'uuid', description: 'an existing account (400 otherwise)' })
  @IsUUID('all', { message: '用户编号无效' })
  userId!: string;

  @ApiProperty({
    enum: DEPARTMENT_ROLES,
    description: '`dispatcher` (调度员: also passes whistles on) or `staff` (工作人员)',
  })
  @IsIn(DEPARTMENT_ROLES, { message: `部门角色须为 ${ROLE_CHOICES}` })
  role!: DepartmentRole;
}

export class DepartmentMemberAdded {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: DEPARTMENT_ROLES }) role!: DepartmentRole;
}

export class DepartmentMemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ example: '陈队长（城管）' }) displayName!: string;
  @ApiProperty({ enum: DEPARTMENT_ROLES }) role!: DepartmentRole;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export class DepartmentMemberList {
  @ApiProperty({ type: [DepartmentMemberView] }) items!: DepartmentMemberView[];
}

export class AddStreetOfficerRequest {
  @ApiProperty({ format: 'uuid', description: 'an existing account (400 otherwise)' })
  @IsUUID('all', { message: '用户编号无效' })
  userId!: string;
}

export class StreetOfficerAdded {
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid', description: "the street's office they are now a member of" })
  departmentId!: string;
}
