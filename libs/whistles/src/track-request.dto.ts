import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** A department's step names the department when the caller belongs to several on the whistle. */
export class TrackRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the department acting (needed only when you belong to several on the whistle)',
  })
  @IsOptional()
  @IsUUID()
  fromDepartmentId?: string;
}
