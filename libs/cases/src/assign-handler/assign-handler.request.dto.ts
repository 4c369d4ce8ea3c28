import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AssignHandlerRequest {
  @ApiProperty({
    format: 'uuid',
    description:
      "the handler (经办人): a member with role case-worker or secretary in the case's community",
  })
  @IsUUID()
  userId!: string;
}
