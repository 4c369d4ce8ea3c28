import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MergeDemandRequest {
  @ApiProperty({ format: 'uuid', description: 'the open demand of the community it duplicates' })
  @IsUUID()
  intoDemandId!: string;
}
