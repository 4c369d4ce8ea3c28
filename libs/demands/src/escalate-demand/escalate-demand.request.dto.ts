import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { OpenCaseRequest } from '@yishi/cases';

/** The most demands one escalation carries (LinkDemands' limit). */
export const MAX_ESCALATED = 50;

/** Where the demand goes: an open case of the community (`caseId`), or a new one (`newCase`). */
export class EscalateDemandRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'an open case of the community, any stage' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    type: OpenCaseRequest,
    description: 'a case opened for the demands, as POST /communities/:communityId/cases',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => OpenCaseRequest)
  newCase?: OpenCaseRequest;
}

/** Several demands of the community into one case (a cluster of reports of one matter). */
export class EscalateDemandsRequest extends EscalateDemandRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_ESCALATED })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ESCALATED)
  @IsUUID('all', { each: true })
  demandIds!: string[];
}

export class EscalationResponse {
  @ApiProperty({ format: 'uuid', description: 'the case the demands are in' }) caseId!: string;
}
