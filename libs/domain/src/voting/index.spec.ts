import * as domain from '../index';

describe('the public voting API of libs/domain', () => {
  it('exports the rules from the library root', () => {
    expect(typeof domain.buildElectorate).toBe('function');
    expect(typeof domain.voterKeyOf).toBe('function');
    expect(typeof domain.tally).toBe('function');
    expect(typeof domain.acceptBallot).toBe('function');
    expect(new domain.AlreadyVotedError('x').code).toBe('ALREADY_VOTED');
    expect(domain.VOTING_RULES).toEqual([
      'simple-majority',
      'civil-code-278',
      'resident-poll',
      'council',
    ]);
    expect(domain.MATTERS).toEqual(['ordinary', 'major']);
    expect(domain.CHOICES).toEqual(['for', 'against', 'abstain']);
    expect(domain.BALLOT_CHANNELS).toEqual(['online', 'proxy', 'paper']);
  });

  it('runs a whole vote through the root exports', () => {
    const electorate = domain.buildElectorate([
      { unitId: '1-101', areaHundredths: 8950, owners: [{ ownerId: 'a', kind: 'person' }] },
      { unitId: '1-102', areaHundredths: 8950, owners: [{ ownerId: 'b', kind: 'person' }] },
      { unitId: '1-201', areaHundredths: 12000, owners: [{ ownerId: 'dev', kind: 'developer' }] },
    ]);
    const result = domain.tally('civil-code-278', 'major', electorate, [
      { unitId: '1-101', choice: 'for' },
      { unitId: '1-201', choice: 'for' },
    ]);
    expect(result.electorate).toEqual({ units: 3, owners: 3, area: 299, areaHundredths: 29900 });
    expect(result.passed).toBe(true);
  });
});
