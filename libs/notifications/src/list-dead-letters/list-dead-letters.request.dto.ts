import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@yishi/platform';

export class DeadLetterQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "only this community's" })
  @IsOptional()
  @IsUUID()
  communityId?: string;
}
