import { ApiProperty } from '@nestjs/swagger';
import { OCCUPANCIES, PARTIES, ROLES } from '@yishi/domain';

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
  @ApiProperty({ type: ClientLimits, description: 'the platform limits a client checks first' })
  limits!: ClientLimits;
}
