/* The default demand number prefix from a community's name. */
import { isDemandPrefix } from '@yishi/domain';
import { defaultDemandPrefix } from './demand-prefix';

describe('defaultDemandPrefix', () => {
  it.each([
    ['新阳社区', 'XY'],
    ['金台和庄社区', 'JT'],
    ['重庆路社区', 'CQ'],
    ['长安街道长安社区', 'CA'],
    ['绿园社区', 'LY'],
    ['A区新阳', 'QX'],
    ['  望京  ', 'WJ'],
    ['村', 'CU'],
    ['Sunshine Garden', 'SQ'],
    ['', 'SQ'],
  ])('%s → %s', (name, prefix) => {
    expect(defaultDemandPrefix(name)).toBe(prefix);
  });

  it('always gives a valid prefix', () => {
    for (const name of ['鹅', '〇〇', '𠀀𠀁社区', '社区', 'ü']) {
      expect(isDemandPrefix(defaultDemandPrefix(name))).toBe(true);
    }
  });
});
