import { ApiProperty } from '@nestjs/swagger';
import { DEPARTMENT_KINDS, DEPARTMENT_ROLES, OCCUPANCIES, PARTIES, ROLES } from '@yishi/domain';

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['party-member'] }) roles!: string[];
  @ApiProperty({ enum: PARTIES, nullable: true, example: 'property-company' }) party!:
    string | null;
  @ApiProperty({
    type: [String],
    description:
      "a resident's own units (owned or rented); for a unit-lead or neighbour-lead who is not a resident, the units they serve",
  })
  unitIds!: string[];
  @ApiProperty({
    type: [String],
    description: 'the units a unit-lead (单元长) or neighbour-lead (邻长) serves',
  })
  ledUnitIds!: string[];
  @ApiProperty({
    enum: OCCUPANCIES,
    nullable: true,
    description:
      "a resident's occupancy: an owner (业主) or a tenant (租户, never in an owners' electorate); null for other members",
  })
  occupancy!: string | null;
  @ApiProperty({
    type: [String],
    description:
      'additive: the estates (小区) a party-member is scoped to (told of, and acknowledging, only their cases); empty: the whole community',
  })
  estates!: string[];
}

/** Additive: a department of a street (街道) the user works in. */
export class MyDepartmentView {
  @ApiProperty({ format: 'uuid' }) departmentId!: string;
  @ApiProperty({ example: '城管执法中队' }) departmentName!: string;
  @ApiProperty({
    enum: DEPARTMENT_KINDS,
    description:
      "`street-office`: the street's office (街道办): its members are the street's officers",
  })
  kind!: string;
  @ApiProperty({
    enum: DEPARTMENT_ROLES,
    description: '`dispatcher` (调度员) or `staff` (工作人员)',
  })
  role!: string;
  @ApiProperty({ format: 'uuid' }) streetId!: string;
  @ApiProperty({ example: '秀谷镇' }) streetName!: string;
}

export class ClientLimits {
  @ApiProperty({
    type: 'integer',
    example: 10_485_760,
    description:
      'the largest upload (task evidence, binding documents) in bytes: EVIDENCE_MAX_BYTES; the app refuses a larger file before sending it',
  })
  uploadMaxBytes!: number;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ description: 'The platform admin' }) admin!: boolean;
  @ApiProperty({ type: [MembershipView] }) memberships!: MembershipView[];
  @ApiProperty({
    type: [MyDepartmentView],
    description:
      "additive: the departments of streets the user works in (a street's office makes them its officer)",
  })
  departments!: MyDepartmentView[];
  @ApiProperty({ type: ClientLimits, description: 'the platform limits a client checks first' })
  limits!: ClientLimits;
}
