import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/cases';
import { Evidence } from '../follow-up.dto';

export class CompleteTaskRequest {
  @ApiProperty({ example: '主排水管更换完毕，试水通畅', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;

  @Evidence()
  evidence?: string[];
}
