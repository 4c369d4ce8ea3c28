import { ApiProperty } from '@nestjs/swagger';
import { PHOTO_TYPES } from '@yishi/demands';

export class WhistleUploadedPhotoView {
  @ApiProperty({ format: 'uuid', description: "name it in a check-in's or an answer's photoIds" })
  id!: string;
  @ApiProperty({ enum: PHOTO_TYPES, description: 'sniffed from the bytes, not the header' })
  contentType!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
}
