/**
 * A photo from the phone's camera, made fit to wait in the outbox and to go over a weak signal:
 * scaled to at most MAX_SIDE pixels on its longer side and saved as JPEG (a 12-megapixel photo of
 * 4–8 MB becomes a few hundred KB). Written here with the browser's own createImageBitmap and
 * canvas (about twenty lines): the compression libraries on npm load a web worker script from a
 * CDN by default, which this platform's Content-Security-Policy refuses and a round without signal
 * could not fetch anyway.
 */

const MAX_SIDE = 1600;
const QUALITY = 0.82;
/** What the API takes (libs/demands upload-photo), sniffed from the bytes. */
const TAKEN = ['image/jpeg', 'image/png', 'image/webp'];

export class PhotoError extends Error {
  constructor() {
    super('这张照片无法读取，请换一张（JPG、PNG 或 WebP 格式）。');
    this.name = 'PhotoError';
  }
}

/** The photo to keep: scaled down as JPEG, or as it is when already small and of a taken type. */
export async function preparePhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // Not decodable here (a HEIC on a browser without it): the API sniffs what it can take.
    if (TAKEN.includes(file.type)) return file;
    throw new PhotoError();
  }
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && TAKEN.includes(file.type) && file.size <= 600_000) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (context === null)
      return TAKEN.includes(file.type) ? file : Promise.reject(new PhotoError());
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', QUALITY),
    );
    if (blob === null) {
      if (TAKEN.includes(file.type)) return file;
      throw new PhotoError();
    }
    return blob;
  } finally {
    bitmap.close();
  }
}
