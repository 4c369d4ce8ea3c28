/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*`. */
export function fileNameOf(disposition: string | null): string | null {
  if (disposition === null) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8 !== undefined) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // Fall through to the plain name.
    }
  }
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}
