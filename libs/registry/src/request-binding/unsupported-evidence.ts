import { UnsupportedMediaTypeError } from '@yishi/domain';
import { EVIDENCE_TYPES } from '@yishi/platform';

/** 415 for an upload that is not a photo or a PDF (sniffed from its bytes). */
export const unsupportedEvidence = (): UnsupportedMediaTypeError =>
  new UnsupportedMediaTypeError('请上传房产证与身份证的照片（JPEG/PNG/WebP/GIF/HEIC）或 PDF 文件', {
    allowed: EVIDENCE_TYPES,
  });
