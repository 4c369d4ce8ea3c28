/**
 * What a task's evidence file really is, from its first bytes (magic numbers), never from the
 * request's Content-Type or file name: photos (JPEG, PNG, WebP, GIF, HEIC from phones) and PDF
 * documents. Everything else is refused (415): HTML and SVG could run script in a browser that
 * opens them, archives and Office files can hide anything (export them to PDF).
 */
export const EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'application/pdf',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** File name extension of each type, for downloads. */
export const EVIDENCE_EXTENSIONS: Record<EvidenceType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** HEIF brands of HEIC photos (iPhones and most Android phones sold in China). */
const HEIC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'];

/** The type the bytes are, or undefined when they are none of the accepted ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (
    startsWith(bytes, ascii('ftyp'), 4) &&
    HEIC_BRANDS.some((b) => startsWith(bytes, ascii(b), 8))
  )
    return 'image/heic';
  // PDF readers accept the header within the first 1024 bytes; we ask for it at the start.
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}
