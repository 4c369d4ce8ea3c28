import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SignAgreementRequest {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description:
      'the draft the signer read (MediationAgreementView.draft); a newer draft must be read and signed anew (409)',
  })
  @IsInt({ message: '须注明所签署的协议稿次' })
  @Min(1)
  @Max(1_000_000)
  draft!: number;
}

export class SignAgreementResponse {
  @ApiProperty({ format: 'uuid', description: 'the side (its unit) signed for' }) unitId!: string;
  @ApiProperty({
    enum: ['open', 'closed'],
    description: 'closed: every side has signed (调解成功)',
  })
  status!: string;
  @ApiProperty({ description: 'the case version after this write' }) version!: number;
}
