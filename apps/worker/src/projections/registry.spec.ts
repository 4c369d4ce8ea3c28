import { findProjection, PROJECTIONS } from './registry';

describe('projection registry', () => {
  it('registers every projection once, with distinct tables, findable by name', () => {
    const names = PROJECTIONS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    const tables = PROJECTIONS.flatMap((p) => p.tables);
    expect(new Set(tables).size).toBe(tables.length);
    expect(findProjection('stream-catalogue')?.tables).toEqual(['stream_catalogue']);
    expect(findProjection('case-views')?.tables).toEqual(['case_views', 'case_stats']);
    expect(findProjection('nope')).toBeUndefined();
  });
});
