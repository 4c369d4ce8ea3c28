import { ApiProperty } from '@nestjs/swagger';
import { DEMAND_CATEGORIES, DEMAND_STATUSES, LEDGER_SOURCES, RATINGS } from '@yishi/domain';

export class DemandListItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'XY-20261207-0001' }) number!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ enum: DEMAND_CATEGORIES }) category!: string;
  @ApiProperty({ enum: DEMAND_STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) gridId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) estate!: string | null;
  @ApiProperty({ type: String, nullable: true }) building!: string | null;
  @ApiProperty({ enum: LEDGER_SOURCES }) source!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    description: 'by when to accept (签收): the deadline a received demand waits on',
  })
  acceptDueAt!: string;
  @ApiProperty({
    format: 'date-time',
    description: "the current deadline (the hotline's own, when earlier)",
  })
  dueAt!: string;
  @ApiProperty({
    description:
      'overdue (已超时) now: received past its accept deadline, or accepted, assigned or refused past dueAt',
  })
  overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'reopenings (dissatisfied answers)' })
  reopenings!: number;
  @ApiProperty({ enum: RATINGS, nullable: true, type: String, description: 'the latest answer' })
  rating!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "the person it is assigned to (派单 to a user; a grid worker's 派给我的), or null",
  })
  assignedUserId!: string | null;
}

export class DemandList {
  @ApiProperty({ type: [DemandListItemView] }) items!: DemandListItemView[];
  @ApiProperty({
    type: 'integer',
    description:
      'how many demands match: exact when totalExact; otherwise a lower bound (at least 1000, the count stops past it)',
  })
  total!: number;
  @ApiProperty({
    description:
      'false when more than 1000 match (100 for a search by q) and total is a lower bound (1000+, 100+)',
  })
  totalExact!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'pass as `cursor` (same sort and filters) for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
