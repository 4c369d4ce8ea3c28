export {
  idNumberCheckCharacter,
  MAX_CERTIFICATE_LENGTH,
  normaliseCertificateNumber,
  normaliseIdNumber,
} from './identity-numbers';
