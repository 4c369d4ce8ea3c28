import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { STAGES, type Stage } from '@yishi/domain';

export class AcknowledgeRequest {
  @ApiProperty({ enum: STAGES, description: 'the stage being acknowledged: the current one' })
  @IsIn(STAGES)
  stage!: Stage;
}
