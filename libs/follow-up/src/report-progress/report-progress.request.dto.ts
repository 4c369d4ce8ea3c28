import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { nfcTrim } from '@yishi/cases';
import { Evidence } from '../follow-up.dto';

export class ReportProgressRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 60, description: 'percent done, whole number' })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiProperty({ example: '主管已更换，正在回填', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;

  @Evidence()
  evidence?: string[];
}
