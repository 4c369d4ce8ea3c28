import { ApiProperty } from '@nestjs/swagger';
import { PHOTO_TYPES } from './upload-photo.command';

export class UploadedPhotoView {
  @ApiProperty({ format: 'uuid', description: "name it in a demand's or a resolution's photoIds" })
  id!: string;
  @ApiProperty({ enum: PHOTO_TYPES, description: 'sniffed from the bytes, not the header' })
  contentType!: string;
  @ApiProperty({ type: 'integer' }) sizeBytes!: number;
}
