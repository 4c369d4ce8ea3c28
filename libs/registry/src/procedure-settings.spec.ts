import { applySettingsPatch, DEFAULT_SETTINGS } from './settings';
import { MAX_PROCEDURE_CATEGORIES, parseProcedureByCategory } from './procedure-settings';

describe('procedureByCategory (a case category’s own procedure)', () => {
  it('takes categories to a meeting requirement and a decision, either left out', () => {
    expect(
      parseProcedureByCategory({
        ' 邻里纠纷 ': { meeting: 'optional', decision: 'council' },
        设施维修: { decision: 'owners-vote' },
        环境卫生: { meeting: 'optional' },
      }),
    ).toEqual({
      邻里纠纷: { meeting: 'optional', decision: 'council' },
      设施维修: { decision: 'owners-vote' },
      环境卫生: { meeting: 'optional' },
    });
    expect(parseProcedureByCategory({})).toEqual({});
  });

  it.each([
    ['not an object', ['邻里纠纷']],
    ['an empty procedure', { 邻里纠纷: {} }],
    ['an unknown decision', { 邻里纠纷: { decision: 'lottery' } }],
    ['an unknown meeting requirement', { 邻里纠纷: { meeting: 'sometimes' } }],
    ['an unknown field', { 邻里纠纷: { decision: 'none', quorum: 3 } }],
    ['a blank category', { ' ': { decision: 'none' } }],
    ['a category over 32 characters', { ['类'.repeat(33)]: { decision: 'none' } }],
    [
      'too many categories',
      Object.fromEntries(
        Array.from({ length: MAX_PROCEDURE_CATEGORIES + 1 }, (_, i) => [
          `类别${i}`,
          { decision: 'none' },
        ]),
      ),
    ],
  ])('refuses %s, in Chinese, naming the field', (_what, value) => {
    expect(parseProcedureByCategory(value)).toBeUndefined();
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { procedureByCategory: value })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: {
          fields: [
            { field: 'procedureByCategory', problems: [expect.stringContaining('议事程序')] },
          ],
        },
      }) as Error,
    );
  });
});
