import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type AdvanceTarget } from '@yishi/domain';

const TARGETS = ['analysis', 'deliberation', 'follow-up', 'closed'] as const;

export class RequestAdvanceRequest {
  @ApiProperty({ enum: TARGETS, description: 'the next stage (closed: end follow-up)' })
  @IsIn(TARGETS)
  to!: AdvanceTarget;
}

export class AdvanceAccepted {
  @ApiProperty({ example: true }) requested!: boolean;
  @ApiProperty() version!: number;
}
