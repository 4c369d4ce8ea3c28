import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  isURL,
  MaxLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { uploadOf } from '@yishi/cases';

/** An http(s) URL, or the path of a file uploaded to POST /tasks/:taskId/evidence. */
function IsEvidenceItem(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEvidenceItem',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          (uploadOf(value) !== undefined ||
            isURL(value, {
              protocols: ['http', 'https'],
              require_protocol: true,
              require_tld: false,
            })),
      },
    },
    options,
  );
}

export const MAX_EVIDENCE = 20;

/**
 * Evidence of a task's progress or completion: links (photos, documents) as http(s) URLs, or the
 * `/api/v1/tasks/<taskId>/evidence/<id>` paths of files uploaded for the task; at most 20, each at most 2,000
 * characters.
 */
export function Evidence(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      // A URL or the path of an upload: a URI reference, not always an absolute URI.
      format: 'uri-reference',
      maxItems: MAX_EVIDENCE,
      description:
        'evidence: http(s) URLs, or /api/v1/tasks/<taskId>/evidence/<id> of files uploaded to POST /tasks/:taskId/evidence; at most 20',
      example: [
        'https://oss.example.cn/yishi/evidence/12-2-drain-before.jpg',
        '/api/v1/tasks/5d0e8c7a-1b2c-4d3e-8f90-a1b2c3d4e5f6/evidence/0b7c1f4e-2f7a-4d3e-9a51-3c1d2e4f5a6b',
      ],
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_EVIDENCE),
    MaxLength(2000, { each: true }),
    IsEvidenceItem({
      each: true,
      message:
        '每项佐证材料须为 http 或 https 链接，或本任务已上传的文件（/api/v1/tasks/<taskId>/evidence/<id>）',
    }),
  );
}
