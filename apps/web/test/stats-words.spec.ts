import { basisText, endStatesText, pct, rateText, resolvedOf } from '../src/pages/stats-words';

describe('web app: the statistics page’s words for its rates', () => {
  const closure = { rate: 1 / 6, numerator: 1, denominator: 6 };

  it('gives each rate with what it rests on, and no rate as —', () => {
    expect(pct(1 / 6)).toBe('16.7%');
    expect(pct(null)).toBe('—');
    expect(basisText(closure, '件')).toBe('基于 6 件');
    expect(rateText(closure, '件')).toBe('16.7%（基于 6 件）');
    expect(rateText({ rate: null, numerator: 0, denominator: 0 }, '次评价')).toBe(
      '—（基于 0 次评价）',
    );
  });

  it('counts 办结 as resolved only, and names every other way a case was closed', () => {
    const stats = { endStates: { resolved: 1, unresolved: 1, withdrawn: 1, unevaluated: 2 } };
    expect(resolvedOf(stats)).toBe(1);
    expect(endStatesText(stats)).toBe('已解决（办结） 1 件，未解决 1 件，参评不足 2 件，撤回 1 件');
    expect(endStatesText({})).toBe('已解决（办结） 0 件，未解决 0 件，参评不足 0 件，撤回 0 件');
  });
});
