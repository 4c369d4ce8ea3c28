import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DEMAND_CATEGORIES, LEDGER_SOURCES, type LedgerSource } from '@yishi/domain';
import { nfcTrim } from '@yishi/platform';

/** At most this many photos per demand or resolution. */
export const MAX_PHOTOS = 9;

export class DemandPlaceRequest {
  @ApiProperty({ example: '金泰和庄', maxLength: 64 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  estate!: string;

  @ApiPropertyOptional({ example: '12号楼', maxLength: 64 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  building?: string;
}

export class OnBehalfOfRequest {
  @ApiProperty({ example: '李奶奶', maxLength: 32 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  name!: string;

  @ApiPropertyOptional({ example: '13800000000', maxLength: 20 })
  @IsOptional()
  @Transform(nfcTrim)
  @IsString()
  @Matches(/^\+?[0-9 -]{5,20}$/, { message: '电话号码格式不正确' })
  phone?: string;
}

export class SubmitLedgerDemandRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "the demand's id, made by the client (a phone offline): sending it again answers 200 with the demand already recorded and writes nothing",
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ example: '12号楼门口的路灯坏了一个星期', maxLength: 2000 })
  @Transform(nfcTrim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  content!: string;

  @ApiProperty({ enum: DEMAND_CATEGORIES })
  @IsIn(DEMAND_CATEGORIES)
  category!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the unit concerned: fixes estate, building and the grid (a resident: their own)',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    type: DemandPlaceRequest,
    description: 'a place without a unit (a road, a square); not with unitId',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DemandPlaceRequest)
  place?: DemandPlaceRequest;

  @ApiProperty({ enum: LEDGER_SOURCES })
  @IsIn(LEDGER_SOURCES)
  source!: LedgerSource;

  @ApiPropertyOptional({
    type: OnBehalfOfRequest,
    description: 'the resident a grid worker, a lead or the secretary writes the demand down for',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OnBehalfOfRequest)
  onBehalfOf?: OnBehalfOfRequest;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_PHOTOS,
    description: 'ids of your own photos uploaded to this community and not yet used',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS)
  @IsUUID('all', { each: true })
  photoIds?: string[];
}
