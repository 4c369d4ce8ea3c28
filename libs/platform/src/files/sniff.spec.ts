import { sniffEvidenceType } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('sniffEvidenceType: the type from the bytes, never from a header', () => {
  it.each([
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'image/png'],
    ['a WebP', bytes('RIFF', [0x10, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a GIF', bytes('GIF89a', [1, 0]), 'image/gif'],
    ['an iPhone HEIC', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), 'image/heic'],
    ['a HEIF image', bytes([0, 0, 0, 0x1c], 'ftypmif1'), 'image/heic'],
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
  ])('recognises %s', (_what, data, type) => expect(sniffEvidenceType(data)).toBe(type));

  it.each([
    ['HTML', bytes('<!doctype html><script>alert(1)</script>')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a ZIP (docx)', bytes('PK', [3, 4, 20, 0])],
    ['an ELF program', bytes([0x7f], 'ELF')],
    ['a Windows program', bytes('MZ', [0x90, 0])],
    ['an MP4 video', bytes([0, 0, 0, 0x18], 'ftypisom')],
    ['a RIFF WAV', bytes('RIFF', [0x10, 0, 0, 0], 'WAVEfmt ')],
    ['nothing', bytes()],
    ['two bytes of a JPEG', bytes([0xff, 0xd8])],
    ['a PDF header not at the start', bytes(' %PDF-1.7')],
  ])('refuses %s', (_what, data) => expect(sniffEvidenceType(data)).toBeUndefined());
});
