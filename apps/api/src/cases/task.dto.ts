import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUrl, MaxLength } from 'class-validator';

export const MAX_EVIDENCE = 20;

/**
 * Evidence of a task's progress or completion: links (photos, documents) as http(s) URLs, at most
 * 20, each at most 2,000 characters.
 */
export function Evidence(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uri',
      maxItems: MAX_EVIDENCE,
      description: 'evidence as http(s) URLs (photos, documents), at most 20',
      example: ['https://oss.example.cn/yishi/evidence/12-2-drain-before.jpg'],
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_EVIDENCE),
    MaxLength(2000, { each: true }),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { each: true, message: 'each evidence item must be an http or https URL' },
    ),
  );
}
