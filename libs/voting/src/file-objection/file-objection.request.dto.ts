import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class FileObjectionRequest {
  @ApiProperty({ format: 'uuid', description: 'the unit whose recorded vote is objected to' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: '本户投的是反对票，公示记为赞成',
    description: 'what is wrong',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content!: string;
}
