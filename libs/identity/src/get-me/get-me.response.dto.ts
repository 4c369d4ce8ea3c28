import { ApiProperty } from '@nestjs/swagger';
import { PARTIES, ROLES } from '@yishi/domain';

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty() communityName!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['party-member'] }) roles!: string[];
  @ApiProperty({ enum: PARTIES, nullable: true, example: 'property-company' }) party!:
    string | null;
  @ApiProperty({ type: [String] }) unitIds!: string[];
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
