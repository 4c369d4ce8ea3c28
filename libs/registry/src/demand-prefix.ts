/**
 * The default prefix of a community's demand numbers (`XY` in `XY-20261207-0001`): the pinyin
 * initials of the first two Han characters of its name (新阳社区 → XY). It lives here rather than in
 * libs/domain, which imports no packages: the readings come from pinyin-pro's dictionary, which
 * reads the two characters as a word (重庆 → CQ, 长安 → CA).
 */
import { isDemandPrefix } from '@yishi/domain';
import { pinyin } from 'pinyin-pro';

/** The prefix when the name gives none (社区). */
export const FALLBACK_DEMAND_PREFIX = 'SQ';

const HAN = /\p{Script=Han}/gu;

/**
 * `新阳社区` → `XY`. A name with one Han character takes the first two letters of its reading
 * (村 → CU); a name with none, or a reading that gives no two capital letters, takes `SQ`.
 */
export function defaultDemandPrefix(communityName: string): string {
  const han = (communityName.match(HAN) ?? []).slice(0, 2);
  if (han.length === 0) return FALLBACK_DEMAND_PREFIX;
  const readings = pinyin(han.join(''), { toneType: 'none', type: 'array', v: true });
  const prefix = (
    han.length === 2
      ? readings.map((reading) => reading.charAt(0)).join('')
      : (readings[0] ?? '').slice(0, 2)
  ).toUpperCase();
  return isDemandPrefix(prefix) ? prefix : FALLBACK_DEMAND_PREFIX;
}
