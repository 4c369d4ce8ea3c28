import { ApiProperty } from '@nestjs/swagger';

/** An estate (小区) of the registry and the property company it names. */
export class EstateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '金泰和庄' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '金溪县金泰物业服务有限公司',
    description: 'its property company (物业服务企业); null when none is registered',
  })
  propertyCompany!: string | null;
}
