import { ApiProperty } from '@nestjs/swagger';

/** The answer of `POST /grids/:gridId/robot/test`: what the robot said, never its URL. */
export class GridRobotTestView {
  @ApiProperty({ description: 'the robot took the message (errcode 0)' }) delivered!: boolean;
  @ApiProperty({
    enum: ['delivered', 'retry', 'dead'],
    description: 'what a queued message would do with this answer: done, retry later, give up',
  })
  outcome!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status; null: no answer' })
  status!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0, description: "the robot's errcode" })
  errcode!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'ok', description: "the robot's errmsg" })
  errmsg!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why it was not delivered (the robot’s key and signature masked)',
  })
  error!: string | null;
}
