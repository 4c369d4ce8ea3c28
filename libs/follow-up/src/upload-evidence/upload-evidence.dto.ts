import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVIDENCE_TYPES, evidencePath, type EvidenceFile } from '@yishi/cases';

export class EvidenceUploadQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'the original file name, kept for downloads',
  })
  name?: string;
}

export class EvidenceFileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example:
      '/api/v1/tasks/5d0e8c7a-1b2c-4d3e-8f90-a1b2c3d4e5f6/evidence/0b7c1f4e-2f7a-4d3e-9a51-3c1d2e4f5a6b',
    description: 'name it in the evidence of POST /tasks/:taskId/progress or /complete',
  })
  url!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ enum: EVIDENCE_TYPES, description: 'sniffed from the bytes, not the header' })
  contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export const evidenceFileView = (f: EvidenceFile): EvidenceFileView => ({
  id: f.id,
  url: evidencePath(f),
  taskId: f.taskId,
  contentType: f.contentType,
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  fileName: f.fileName,
  uploadedAt: f.uploadedAt,
});
