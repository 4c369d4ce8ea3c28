import { ForbiddenError, ValidationError, WrongStageError } from '../errors';
import { type VotingOpened } from './ballot-box';
import { canvassStatus, recordVisit } from './canvass';
import { buildElectorate } from './electorate';

const OPENED_AT = '2026-03-01T08:00:00.000Z';
const CLOSES_AT = '2026-03-08T08:00:00.000Z';
const DURING = '2026-03-02T10:30:00.000Z';

function voting(): VotingOpened['data'] {
  return {
    resolutionId: 'r1',
    caseId: 'c1',
    communityId: 'k1',
    title: '更换主排水管',
    text: '全文',
    rule: 'civil-code-278',
    matter: 'ordinary',
    closesAt: CLOSES_AT,
    scope: { estate: '金泰和庄', building: '12号楼', entrance: null },
    electorate: buildElectorate([
      { unitId: 'u101', areaHundredths: 8950, owners: [{ ownerId: 'alice', kind: 'person' }] },
    ]),
    openedAt: OPENED_AT,
  };
}

const lead = { userId: 'lead', canvassesUnit: true };
const visit = { unitId: 'u101', channel: 'door', outcome: 'promised' };

describe('recordVisit', () => {
  it('records a visit by a canvasser of the building, at now unless told', () => {
    expect(recordVisit(voting(), { closed: false }, visit, lead, DURING)).toEqual({
      resolutionId: 'r1',
      unitId: 'u101',
      channel: 'door',
      outcome: 'promised',
      note: null,
      visitedAt: DURING,
      recordedBy: 'lead',
    });
    const earlier = recordVisit(
      voting(),
      { closed: false },
      { ...visit, channel: 'on-site', note: '  业主在外地，周末回来  ', visitedAt: OPENED_AT },
      lead,
      DURING,
    );
    expect(earlier).toMatchObject({ note: '业主在外地，周末回来', visitedAt: OPENED_AT });
  });

  it('refuses unknown channels and outcomes, phone or ID numbers in a note, odd times', () => {
    const bad = (request: Record<string, unknown>): string[] => {
      try {
        recordVisit(voting(), { closed: false }, { ...visit, ...request }, lead, DURING);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return (error.details as { fields: { field: string }[] }).fields.map((f) => f.field);
      }
      throw new Error('accepted');
    };
    expect(bad({ channel: 'sms', outcome: 'maybe' })).toEqual(['channel', 'outcome']);
    expect(bad({ note: '电话 138-1234-5678' })).toEqual(['note']);
    expect(bad({ note: '身份证11010519491231002X' })).toEqual(['note']);
    expect(bad({ note: 'x'.repeat(501) })).toEqual(['note']);
    expect(bad({ visitedAt: 'yesterday' })).toEqual(['visitedAt']);
    expect(bad({ visitedAt: '2026-03-02T11:00:00.000Z' })).toEqual(['visitedAt']);
    expect(bad({ visitedAt: '2026-02-28T08:00:00.000Z' })).toEqual(['visitedAt']);
    expect(bad({ unitId: '' })).toEqual(['unitId']);
    // Room numbers and dates are fine.
    expect(
      recordVisit(
        voting(),
        { closed: false },
        { ...visit, note: '12号楼2单元301，3月5日再访' },
        lead,
        DURING,
      ).note,
    ).toBe('12号楼2单元301，3月5日再访');
  });

  it('is refused once voting is closed, outside the electorate, or outside the caller’s buildings', () => {
    expect(() => recordVisit(voting(), { closed: true }, visit, lead, DURING)).toThrow(
      WrongStageError,
    );
    expect(() => recordVisit(voting(), { closed: false }, visit, lead, CLOSES_AT)).toThrow(
      WrongStageError,
    );
    expect(() =>
      recordVisit(voting(), { closed: false }, { ...visit, unitId: 'u999' }, lead, DURING),
    ).toThrow(ForbiddenError);
    expect(() =>
      recordVisit(
        voting(),
        { closed: false },
        visit,
        { userId: 'x', canvassesUnit: false },
        DURING,
      ),
    ).toThrow(ForbiddenError);
  });
});

describe('canvassStatus', () => {
  it('shows voted above any visit, and not reached without one', () => {
    expect(canvassStatus(true, 'declined')).toBe('voted');
    expect(canvassStatus(false, 'promised')).toBe('promised');
    expect(canvassStatus(false, null)).toBe('not-reached');
  });
});
