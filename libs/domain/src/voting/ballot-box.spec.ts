import { BindingRequiredError, ForbiddenError, ValidationError, WrongStageError } from '../errors';
import {
  castBallot,
  castOwnBallot,
  countableBallots,
  isVotingOpened,
  type BallotAuthority,
  type BallotCast,
  type VotingOpened,
} from './ballot-box';
import { buildElectorate } from './electorate';
import { tally } from './tally';

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
    rule: 'simple-majority',
    matter: 'ordinary',
    closesAt: CLOSES_AT,
    scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
    electorate: buildElectorate([
      { unitId: 'u101', areaHundredths: 8950, owners: [{ ownerId: 'alice', kind: 'person' }] },
      { unitId: 'u102', areaHundredths: 9000, owners: [{ ownerId: 'bob', kind: 'person' }] },
      { unitId: 'u201', areaHundredths: 7000, owners: [{ ownerId: 'bob', kind: 'person' }] },
      {
        unitId: 'u202',
        areaHundredths: 12000,
        owners: [
          { ownerId: 'carol', kind: 'person' },
          { ownerId: 'dave', kind: 'person' },
        ],
      },
      {
        unitId: 'u301',
        areaHundredths: 6000,
        owners: [{ ownerId: 'unregistered:u301', kind: 'person' }],
      },
    ]),
    openedAt: OPENED_AT,
  };
}

const open = { closed: false };

describe('castOwnBallot', () => {
  it("records an owner's own online ballot for their only unit", () => {
    expect(castOwnBallot(voting(), open, { choice: 'for' }, { userId: 'alice' }, DURING)).toEqual({
      resolutionId: 'r1',
      unitId: 'u101',
      choice: 'for',
      channel: 'online',
      byOwner: true,
      castBy: 'alice',
      castAt: DURING,
    });
  });

  it('lets each co-owner vote for the shared unit (the ballot stream keeps the first)', () => {
    for (const userId of ['carol', 'dave'])
      expect(castOwnBallot(voting(), open, { choice: 'against' }, { userId }, DURING).unitId).toBe(
        'u202',
      );
  });

  it('needs the unit named when the voter owns several, and takes it when named', () => {
    const unnamed = () =>
      castOwnBallot(voting(), open, { choice: 'for' }, { userId: 'bob' }, DURING);
    expect(unnamed).toThrow(ValidationError);
    try {
      unnamed();
    } catch (error) {
      expect((error as ValidationError).details).toMatchObject({ unitIds: ['u102', 'u201'] });
    }
    expect(
      castOwnBallot(voting(), open, { choice: 'for', unitId: 'u201' }, { userId: 'bob' }, DURING)
        .unitId,
    ).toBe('u201');
  });

  it("refuses someone else's unit, a unit outside the electorate, and a voter owning none", () => {
    const cast = (userId: string, unitId?: string) => () =>
      castOwnBallot(voting(), open, { choice: 'for', unitId: unitId ?? null }, { userId }, DURING);
    expect(cast('alice', 'u102')).toThrow(ForbiddenError);
    expect(cast('alice', 'u999')).toThrow(ForbiddenError);
    expect(cast('mallory')).toThrow(ForbiddenError);
    // Nobody signs in as an unregistered owner's placeholder with a real account id.
    expect(cast('erin', 'u301')).toThrow(ForbiddenError);
  });

  it('refuses an unknown choice', () => {
    for (const choice of ['maybe', '', 1, null, undefined])
      expect(() => castOwnBallot(voting(), open, { choice }, { userId: 'alice' }, DURING)).toThrow(
        ValidationError,
      );
  });

  it('refuses every ballot once the box is closed, and from closesAt on (exclusive)', () => {
    const cast = (status: { closed: boolean }, now: string) => () =>
      castOwnBallot(voting(), status, { choice: 'for' }, { userId: 'alice' }, now);
    expect(cast({ closed: true }, DURING)).toThrow(WrongStageError);
    expect(cast(open, CLOSES_AT)).toThrow(WrongStageError);
    expect(cast(open, '2026-03-08T07:59:59.999Z')).not.toThrow();
  });
});

describe('real-name binding (实名绑定)', () => {
  it("refuses an owner's own ballot for a unit they are not bound to, and takes it once bound", () => {
    const bob = (bound: string[]) => ({ userId: 'bob', boundUnitIds: new Set(bound) });
    expect(() =>
      castOwnBallot(voting(), open, { choice: 'for', unitId: 'u102' }, bob(['u201']), DURING),
    ).toThrow(BindingRequiredError);
    expect(() => castOwnBallot(voting(), open, { choice: 'for' }, bob([]), DURING)).toThrow(
      ValidationError,
    );
    expect(() =>
      castOwnBallot(
        voting(),
        open,
        { choice: 'for' },
        { userId: 'alice', boundUnitIds: new Set() },
        DURING,
      ),
    ).toThrow(BindingRequiredError);
    expect(
      castOwnBallot(voting(), open, { choice: 'for', unitId: 'u102' }, bob(['u102']), DURING),
    ).toMatchObject({ unitId: 'u102', byOwner: true });
  });

  it('does not ask a building lead or an agent for a binding of the unit', () => {
    const lead: BallotAuthority = { userId: 'lead', leadsBuilding: true, boundUnitIds: new Set() };
    expect(
      castBallot(
        voting(),
        open,
        { choice: 'for', unitId: 'u101', channel: 'paper', sheetRef: '12-2-101' },
        lead,
        DURING,
      ),
    ).toMatchObject({ channel: 'paper', byOwner: false });
    const agent: BallotAuthority = { userId: 'agent', proxyId: 'p1', boundUnitIds: new Set() };
    expect(
      castBallot(voting(), open, { choice: 'for', unitId: 'u101' }, agent, DURING),
    ).toMatchObject({ channel: 'proxy', proxyId: 'p1' });
  });
});

describe('countableBallots', () => {
  const ballot = (unitId: string, choice: BallotCast['data']['choice']): BallotCast['data'] => ({
    resolutionId: 'r1',
    unitId,
    choice,
    channel: 'online',
    byOwner: true,
    castBy: 'x',
    castAt: DURING,
  });

  it("keeps one ballot per unit, the latest of the unit's stream, and tallies them", () => {
    const ballots = countableBallots([
      ballot('u101', 'for'),
      ballot('u102', 'against'),
      ballot('u102', 'for'),
      ballot('u202', 'abstain'),
    ]);
    expect(ballots).toEqual([
      { unitId: 'u101', choice: 'for' },
      { unitId: 'u102', choice: 'for' },
      { unitId: 'u202', choice: 'abstain' },
    ]);
    const result = tally('simple-majority', 'ordinary', voting().electorate, ballots);
    expect(result).toMatchObject({ passed: true, participated: { units: 3 } });
  });
});

describe('isVotingOpened', () => {
  it('accepts a snapshot as stored and refuses what is not one', () => {
    expect(isVotingOpened(JSON.parse(JSON.stringify(voting())))).toBe(true);
    expect(isVotingOpened({ ...voting(), rule: 'unanimous' })).toBe(false);
    expect(isVotingOpened({ ...voting(), electorate: null })).toBe(false);
    expect(isVotingOpened(null)).toBe(false);
  });
});

describe('castBallot: proxies and paper ballots', () => {
  const cast = (request: Parameters<typeof castBallot>[2], caller: BallotAuthority) =>
    castBallot(voting(), open, request, caller, DURING);

  it("records an agent's ballot under a proxy as by proxy, naming the proxy", () => {
    expect(
      cast({ choice: 'for', unitId: 'u101' }, { userId: 'agent', proxyId: 'proxy-1' }),
    ).toEqual({
      resolutionId: 'r1',
      unitId: 'u101',
      choice: 'for',
      channel: 'proxy',
      byOwner: false,
      castBy: 'agent',
      castAt: DURING,
      proxyId: 'proxy-1',
    });
  });

  it('refuses an agent without a valid proxy, and a proxy for a unit outside the electorate', () => {
    expect(() => cast({ choice: 'for', unitId: 'u101' }, { userId: 'agent' })).toThrow(
      ForbiddenError,
    );
    expect(() =>
      cast({ choice: 'for', unitId: 'u999' }, { userId: 'agent', proxyId: 'proxy-1' }),
    ).toThrow(ForbiddenError);
  });

  it('an owner holding a proxy for their own unit still votes as the owner', () => {
    const ballot = cast({ choice: 'for', unitId: 'u101' }, { userId: 'alice', proxyId: 'p' });
    expect(ballot).toMatchObject({ channel: 'online', byOwner: true });
    expect(ballot.proxyId).toBeUndefined();
  });

  it("records a building lead's paper ballot with the sheet, entered by the lead", () => {
    expect(
      cast(
        { choice: 'against', unitId: 'u202', channel: 'paper', sheetRef: ' 12-2-202-0007 ' },
        { userId: 'lead', leadsBuilding: true },
      ),
    ).toMatchObject({
      unitId: 'u202',
      choice: 'against',
      channel: 'paper',
      byOwner: false,
      castBy: 'lead',
      sheetRef: '12-2-202-0007',
    });
  });

  it("refuses a paper ballot for another building's unit, without a sheet or a unit", () => {
    expect(() =>
      cast(
        { choice: 'for', unitId: 'u202', channel: 'paper', sheetRef: 's1' },
        { userId: 'lead', leadsBuilding: false },
      ),
    ).toThrow(ForbiddenError);
    expect(() =>
      cast(
        { choice: 'for', unitId: 'u202', channel: 'paper' },
        { userId: 'lead', leadsBuilding: true },
      ),
    ).toThrow(ValidationError);
    expect(() =>
      cast(
        { choice: 'for', unitId: 'u202', channel: 'paper', sheetRef: 'x'.repeat(101) },
        { userId: 'lead', leadsBuilding: true },
      ),
    ).toThrow(ValidationError);
    expect(() =>
      cast(
        { choice: 'for', channel: 'paper', sheetRef: 's1' },
        { userId: 'lead', leadsBuilding: true },
      ),
    ).toThrow(ValidationError);
    expect(() =>
      cast(
        { choice: 'for', unitId: 'u202', channel: 'sms' as 'paper', sheetRef: 's1' },
        { userId: 'lead', leadsBuilding: true },
      ),
    ).toThrow(ValidationError);
  });

  it('refuses proxy and paper ballots once the box is closed or closesAt has passed', () => {
    expect(() =>
      castBallot(
        voting(),
        { closed: true },
        { choice: 'for', unitId: 'u101' },
        { userId: 'a', proxyId: 'p' },
        DURING,
      ),
    ).toThrow(WrongStageError);
    expect(() =>
      castBallot(
        voting(),
        open,
        { choice: 'for', unitId: 'u101', channel: 'paper', sheetRef: 's' },
        { userId: 'lead', leadsBuilding: true },
        CLOSES_AT,
      ),
    ).toThrow(WrongStageError);
  });

  it('counts the latest ballot of a unit: the owner replacing a proxy', () => {
    const proxy = cast({ choice: 'against', unitId: 'u101' }, { userId: 'agent', proxyId: 'p' });
    const own = cast({ choice: 'for' }, { userId: 'alice' });
    expect(countableBallots([proxy, own])).toEqual([{ unitId: 'u101', choice: 'for' }]);
  });
});
