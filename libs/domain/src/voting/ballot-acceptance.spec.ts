import fc from 'fast-check';
import { AlreadyVotedError, ValidationError } from '../errors';
import { acceptBallot, type BallotSource } from './ballot-acceptance';

const own: BallotSource = { channel: 'online', byOwner: true };
const proxy: BallotSource = { channel: 'proxy', byOwner: false };
const paper: BallotSource = { channel: 'paper', byOwner: false };
const paperSignedByOwner: BallotSource = { channel: 'paper', byOwner: true };

describe('acceptBallot', () => {
  it('records the first ballot of a unit, whatever the channel', () => {
    for (const source of [own, proxy, paper, paperSignedByOwner])
      expect(acceptBallot(undefined, source)).toBe('record');
  });

  it("lets the owner's own ballot replace a proxy's (proxy then owner: the owner wins)", () => {
    expect(acceptBallot(proxy, own)).toBe('replace');
  });

  it("lets the owner's own ballot replace a paper one (paper then owner)", () => {
    expect(acceptBallot(paper, own)).toBe('replace');
    expect(acceptBallot(paperSignedByOwner, own)).toBe('replace');
  });

  it("refuses a second ballot after the owner's own: co-owners share one ballot, the first stands", () => {
    const second = acceptBallot(own, own);
    expect(second).toBeInstanceOf(AlreadyVotedError);
    expect((second as AlreadyVotedError).code).toBe('ALREADY_VOTED');
    expect((second as AlreadyVotedError).details).toEqual({
      existing: { channel: 'online', byOwner: true },
      incoming: { channel: 'online', byOwner: true },
    });
  });

  it("never lets a proxy or a paper ballot replace anything (owner then proxy: the owner's stands)", () => {
    for (const existing of [own, proxy, paper])
      for (const incoming of [proxy, paper, paperSignedByOwner])
        expect(acceptBallot(existing, incoming)).toBeInstanceOf(AlreadyVotedError);
  });

  it('returns the error rather than throwing it', () => {
    expect(() => acceptBallot(own, proxy)).not.toThrow();
  });

  it('refuses sources that cannot exist', () => {
    expect(() => acceptBallot(undefined, { channel: 'proxy', byOwner: true })).toThrow(
      ValidationError,
    );
    expect(() => acceptBallot(undefined, { channel: 'online', byOwner: false })).toThrow(
      ValidationError,
    );
    expect(() => acceptBallot({ channel: 'sms' as 'online', byOwner: true }, own)).toThrow(
      ValidationError,
    );
  });

  it('keeps a unit to one ballot, whatever arrives in whatever order', () => {
    const sourceArb = fc.constantFrom(own, proxy, paper, paperSignedByOwner);
    fc.assert(
      fc.property(fc.array(sourceArb, { maxLength: 12 }), (arrivals) => {
        // Apply the rule as a ballot stream would: the recorded ballot, and how often it changed.
        let recorded: BallotSource | undefined;
        let replacements = 0;
        for (const incoming of arrivals) {
          const decision = acceptBallot(recorded, incoming);
          if (decision instanceof AlreadyVotedError) continue;
          if (decision === 'replace') replacements += 1;
          recorded = incoming;
        }
        // Something arrived: exactly one ballot stands, replaced at most once (by the owner).
        expect(recorded === undefined).toBe(arrivals.length === 0);
        expect(replacements).toBeLessThanOrEqual(1);
        // If the owner voted online at all, the owner's own ballot is the one that stands.
        if (arrivals.includes(own)) expect(recorded).toBe(own);
        else expect(recorded).toBe(arrivals[0]);
      }),
    );
  });
});
