import { formatChineseDate } from '@yishi/domain/calendar/time';

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

/**
 * A download's name when the API gives none worth keeping: the community, what it is, and the day
 * in China Standard Time, e.g. `金泰和庄诉求台账-2026年12月7日.csv`.
 */
export function datedFileName(
  community: string,
  what: string,
  extension: string,
  at: Date = new Date(),
): string {
  const unsafe = /[\\/:*?"<>|\s]+/g;
  return `${community.replace(unsafe, '')}${what}-${formatChineseDate(at.toISOString())}.${extension}`;
}
