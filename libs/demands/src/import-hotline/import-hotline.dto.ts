/** The hotline import's body (as JSON; CSV has the same columns) and its answer, for the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HotlineTicketInput {
  @ApiProperty({ example: 'GD20261207000123', maxLength: 64 }) ticketNumber!: string;
  @ApiProperty({
    example: '2026-12-07 08:12',
    description: 'China Standard Time, or ISO 8601 with a zone',
  })
  receivedAt!: string;
  @ApiProperty({ example: '12号楼前路灯不亮', maxLength: 2000 }) content!: string;
  @ApiProperty({
    example: '市政设施/路灯',
    description: "the hotline's category: mapped to the ledger's by keywords, kept besides",
  })
  category!: string;
  @ApiProperty({ example: '金泰和庄12号楼2单元301', maxLength: 200 }) address!: string;
  @ApiPropertyOptional({ example: '2026-12-10 18:00', description: "the hotline's own deadline" })
  dueAt?: string;
}

export class HotlineTicketsSchema {
  @ApiProperty({ type: [HotlineTicketInput], maxItems: 5000 }) tickets!: HotlineTicketInput[];
}

export class HotlineUnmatchedTicket {
  @ApiProperty() ticketNumber!: string;
  @ApiProperty() address!: string;
}

export class HotlineImportedDemandView {
  @ApiProperty() ticketNumber!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'XY-20261207-0001' }) number!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) unitId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) gridId!: string | null;
}

export class HotlineImportResponse {
  @ApiProperty({ type: 'integer', description: 'tickets that became demands now' })
  imported!: number;
  @ApiProperty({
    type: 'integer',
    description: 'tickets imported before: their demand as recorded, nothing written',
  })
  duplicates!: number;
  @ApiProperty({
    type: [HotlineUnmatchedTicket],
    description:
      "tickets imported now whose address names no building: the secretary's (gridId null)",
  })
  unmatched!: HotlineUnmatchedTicket[];
  @ApiProperty({
    type: [HotlineImportedDemandView],
    description: 'every ticket, in the file order',
  })
  demands!: HotlineImportedDemandView[];
}
