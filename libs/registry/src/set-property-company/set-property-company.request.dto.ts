import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, ValidateIf } from 'class-validator';
import { nfcTrim } from '@yishi/platform';
import { PROPERTY_COMPANY_MAX_LENGTH, PROPERTY_COMPANY_RULE as LENGTH } from '../estates';

/** `PUT /communities/:communityId/estates/:estateId/property-company`. */
export class SetPropertyCompanyRequest {
  @ApiProperty({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: PROPERTY_COMPANY_MAX_LENGTH,
    example: '金溪县金泰物业服务有限公司',
    description:
      "the estate's property company (物业服务企业), trimmed, 1 to 60 characters; null: none registered",
  })
  @Transform(nfcTrim)
  @ValidateIf((o: { name?: unknown }) => o.name !== null)
  @IsString({ message: LENGTH })
  @Length(1, PROPERTY_COMPANY_MAX_LENGTH, { message: LENGTH })
  name!: string | null;
}
