import { ApiProperty } from '@nestjs/swagger';
import { PARTIES, STAGES } from '@yishi/domain';

export class OpinionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ type: String, nullable: true }) replyTo!: string | null;
  @ApiProperty({
    enum: PARTIES,
    nullable: true,
    description: "the author's party; null for a resident",
  })
  party!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
}

export class OpinionList {
  @ApiProperty({ type: [OpinionView] }) items!: OpinionView[];
}
