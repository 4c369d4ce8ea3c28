// class-transformer's @Transform functions shared by every feature's request DTOs.

/** Text as typed: NFC-normalised (composed) and trimmed. */
export const nfcTrim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.normalize('NFC').trim() : value;

/** A query string's whole number; anything else is left for the validator to refuse. */
export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
