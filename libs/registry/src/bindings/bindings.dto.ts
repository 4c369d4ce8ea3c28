import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';

/*
 * Real-name binding (实名绑定): the requests carry the owner's numbers; no response ever does.
 */

export class OwnerIdentityRequest {
  @ApiProperty({
    maxLength: 100,
    description: 'the property certificate number (不动产权证号); kept only as a salted hash',
    example: '赣(2023)金溪县不动产权第0001234号',
  })
  @IsString()
  @MaxLength(100)
  certificateNumber!: string;

  @ApiProperty({
    maxLength: 40,
    description:
      'the owner’s 18-character ID number (GB 11643, check character verified); kept only as a salted hash',
    example: '11010519491231002X',
  })
  @IsString()
  @MaxLength(40)
  idNumber!: string;
}

export class BindUnitRequest extends OwnerIdentityRequest {
  @ApiProperty({ format: 'uuid', description: 'the unit to bind to' })
  @IsUUID()
  unitId!: string;
}

export class OwnerIdentityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty({ description: 'an account is bound through this record now' }) bound!: boolean;
}

export class OwnerIdentityList {
  @ApiProperty({ type: [OwnerIdentityView] }) items!: OwnerIdentityView[];
}

export class BoundUnitView {
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
  @ApiProperty({ example: '2单元' }) entrance!: string;
  @ApiProperty({ example: '301' }) room!: string;
}

export class UnitBindingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ type: BoundUnitView }) unit!: BoundUnitView;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ['registry-match', 'secretary-approval'] }) method!: string;
  @ApiProperty({ format: 'date-time' }) boundAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) boundBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) unboundAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unboundBy!: string | null;
  @ApiProperty() active!: boolean;
}

export class UnitBindingList {
  @ApiProperty({ type: [UnitBindingView] }) items!: UnitBindingView[];
}

export class UnbindRequest {
  @ApiProperty({ maxLength: 500, description: 'why the binding ends (kept in the audit log)' })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class UnitBindingsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'true: active only; false: ended only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;
}

export class BindingEvidenceView {
  @ApiProperty({ description: 'download it here (the secretary, the admin, the requester)' })
  url!: string;
  @ApiProperty({ description: 'sniffed from the bytes' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
}

export class BindingRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) communityId!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid', description: 'the resident asking' }) userId!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ type: BindingEvidenceView }) evidence!: BindingEvidenceView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class BindingDecisionView extends BindingRequestView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'approved' })
  bindingId!: string | null;
}

export class BindingRequestList {
  @ApiProperty({ type: [BindingRequestView] }) items!: BindingRequestView[];
}

export class BindingRequestsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';
}

export class DecisionRequest {
  @ApiPropertyOptional({ maxLength: 500, description: 'required to reject' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class OwnerIdentityInputSchema {
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
  @ApiProperty({ example: '2单元' }) entrance!: string;
  @ApiProperty({ example: '301' }) room!: string;
  @ApiProperty({ maxLength: 100, example: '赣(2023)金溪县不动产权第0001234号' })
  certificateNumber!: string;
  @ApiProperty({ maxLength: 40, example: '11010519491231002X' }) idNumber!: string;
}

export class ImportOwnerIdentitiesSchema {
  @ApiProperty({ type: [OwnerIdentityInputSchema], maxItems: 20000 })
  owners!: OwnerIdentityInputSchema[];
}

export class ImportOwnerIdentitiesResponse {
  @ApiProperty({ description: 'owners recorded' }) recorded!: number;
}
