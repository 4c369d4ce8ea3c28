import fc from 'fast-check';
import { councilElectorate, countVote, householdElectorate, type PlanOption } from './decisions';
import { buildElectorate } from './electorate';
import {
  type Ballot,
  type Choice,
  type CivilCodeTally,
  type CouncilTally,
  type ResidentPollTally,
  type Tally,
} from './tally';

/*
 * Properties of the decision kinds' tallies (decisions.ts), as tally.property.spec.ts does for the
 * owners' vote: the order of ballots never matters, the counts add up, a poll is the majority of
 * answers, a council passes only on everyone present agreeing, and among plans the winner has
 * strictly the most answers while a tie names exactly the options sharing the most.
 */

const CHOICES: Choice[] = ['for', 'against', 'abstain'];
const PARTIES = [
  'party-organisation',
  'owners-committee',
  'property-company',
  'resident-representatives',
  'partner-units',
];

/** Households (1..25), each with 0..3 residents, and an optional answer per household. */
const pollArb = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 25 })
  .chain((residents) =>
    fc
      .array(fc.option(fc.constantFrom(...CHOICES), { nil: undefined }), {
        minLength: residents.length,
        maxLength: residents.length,
      })
      .map((answers) => {
        const electorate = householdElectorate(
          residents.map((n, i) => ({
            unitId: `u${i}`,
            areaHundredths: 9000,
            residentIds: Array.from({ length: n }, (_, k) => `r${i}-${k}`),
          })),
        );
        const inScope = new Set(electorate.units.map((u) => u.unitId));
        const ballots = answers.flatMap((choice, i): Ballot[] =>
          choice === undefined || !inScope.has(`u${i}`) ? [] : [{ unitId: `u${i}`, choice }],
        );
        return { electorate, ballots };
      }),
  );

/** The parties present (1..5) and an optional answer per party. */
const councilArb = fc
  .uniqueArray(fc.constantFrom(...PARTIES), { minLength: 1, maxLength: 5 })
  .chain((present) =>
    fc
      .array(fc.option(fc.constantFrom(...CHOICES), { nil: undefined }), {
        minLength: present.length,
        maxLength: present.length,
      })
      .map((answers) => ({
        electorate: councilElectorate(new Map(present.map((p) => [p, [`user-${p}`]]))),
        ballots: present.flatMap((party, i): Ballot[] => {
          const choice = answers[i];
          return choice === undefined ? [] : [{ unitId: party, choice, castBy: `user-${party}` }];
        }),
      })),
  );

/** 2..10 plans, and for each of 1..20 units an option, an abstention or nothing. */
const plansArb = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc
    .array(
      fc.option(fc.oneof(fc.integer({ min: 0, max: n - 1 }), fc.constant(-1)), { nil: null }),
      {
        minLength: 1,
        maxLength: 20,
      },
    )
    .map((picks) => {
      const options: PlanOption[] = Array.from({ length: n }, (_, i) => ({
        title: `方案${i + 1}`,
      }));
      const ballots = picks.flatMap((pick, i): Ballot[] =>
        pick === null
          ? []
          : pick < 0
            ? [{ unitId: `u${i}`, choice: 'abstain' }]
            : [{ unitId: `u${i}`, choice: 'for', option: pick }],
      );
      return { options, units: picks.length, ballots };
    }),
);

const shuffled = <T>(list: readonly T[]) =>
  fc.shuffledSubarray([...list], { minLength: list.length, maxLength: list.length });

const strip = (t: Tally) => JSON.stringify(t);

describe('property: a resident poll', () => {
  it('is the majority of answers, counts each household once, and ignores ballot order', () => {
    fc.assert(
      fc.property(
        pollArb.chain((v) => shuffled(v.ballots).map((other) => ({ ...v, other }))),
        ({ electorate, ballots, other }) => {
          const vote = { rule: 'resident-poll' as const, matter: 'ordinary' as const, electorate };
          const t = countVote(vote, ballots) as ResidentPollTally;
          const n = (c: Choice) => ballots.filter((b) => b.choice === c).length;
          expect(t.passed).toBe(n('for') > n('against'));
          expect(t.for.units + t.against.units + t.abstain.units).toBe(t.participated.units);
          expect(t.turnout.answers).toBe(ballots.length);
          expect(t.turnout.households).toBe(electorate.units.length);
          expect(t.turnout.answers).toBeLessThanOrEqual(t.turnout.households);
          expect(strip(countVote(vote, other))).toBe(strip(t));
        },
      ),
    );
  });
});

describe('property: a council', () => {
  it('passes exactly when every party present answered for, and names who agreed', () => {
    fc.assert(
      fc.property(
        councilArb.chain((v) => shuffled(v.ballots).map((other) => ({ ...v, other }))),
        ({ electorate, ballots, other }) => {
          const vote = { rule: 'council' as const, matter: 'ordinary' as const, electorate };
          const t = countVote(vote, ballots) as CouncilTally;
          const everyoneFor =
            ballots.length === electorate.units.length && ballots.every((b) => b.choice === 'for');
          expect(t.passed).toBe(everyoneFor);
          expect(t.agreed.map((a) => a.party).sort()).toEqual(
            ballots
              .filter((b) => b.choice === 'for')
              .map((b) => b.unitId)
              .sort(),
          );
          expect(t.parties.filter((p) => p.choice !== null)).toHaveLength(ballots.length);
          expect(strip(countVote(vote, other))).toBe(strip(t));
        },
      ),
    );
  });
});

describe('property: choosing among plans', () => {
  it('in a poll: the winner has strictly the most answers; a tie names every option sharing it', () => {
    fc.assert(
      fc.property(
        plansArb.chain((v) => shuffled(v.ballots).map((other) => ({ ...v, other }))),
        ({ options, units, ballots, other }) => {
          const electorate = householdElectorate(
            Array.from({ length: units }, (_, i) => ({
              unitId: `u${i}`,
              areaHundredths: 9000,
              residentIds: [`r${i}`],
            })),
          );
          const vote = {
            rule: 'resident-poll' as const,
            matter: 'ordinary' as const,
            electorate,
            options,
          };
          const t = countVote(vote, ballots) as ResidentPollTally;
          const answers = options.map(
            (_, i) => ballots.filter((b) => b.choice === 'for' && b.option === i).length,
          );
          const most = Math.max(...answers);
          const leaders = answers.flatMap((a, i) => (a === most ? [i] : []));
          expect(t.options?.map((o) => o.answers)).toEqual(answers);
          if (most === 0) expect([t.winner, t.tie]).toEqual([null, null]);
          else if (leaders.length > 1) expect([t.winner, t.tie]).toEqual([null, leaders]);
          else expect([t.winner, t.tie]).toEqual([leaders[0], null]);
          expect(t.passed).toBe(t.winner !== null);
          expect(strip(countVote(vote, other))).toBe(strip(t));
        },
      ),
    );
  });

  it('under Art. 278: the winner passes on its own, and no other passing option beats it', () => {
    fc.assert(
      fc.property(
        plansArb,
        fc.array(fc.integer({ min: 1, max: 30000 }), { minLength: 20, maxLength: 20 }),
        ({ options, units, ballots }, areas) => {
          const electorate = buildElectorate(
            Array.from({ length: units }, (_, i) => ({
              unitId: `u${i}`,
              areaHundredths: areas[i] ?? 1,
              owners: [{ ownerId: `o${i % 7}`, kind: 'person' as const }],
            })),
          );
          const t = countVote(
            { rule: 'civil-code-278', matter: 'ordinary', electorate, options },
            ballots,
          ) as CivilCodeTally;
          const passing = (t.options ?? []).filter((o) => o.law?.passed === true);
          expect(t.passed).toBe(t.winner !== null);
          if (passing.length === 0) expect([t.winner, t.tie]).toEqual([null, null]);
          if (t.winner !== null && t.winner !== undefined) {
            const w = t.options?.[t.winner]?.law?.for;
            expect(t.options?.[t.winner]?.law?.passed).toBe(true);
            for (const o of passing) {
              const f = o.law?.for;
              if (o.index === t.winner || f === undefined || w === undefined) continue;
              const beats =
                f.areaHundredths > w.areaHundredths ||
                (f.areaHundredths === w.areaHundredths && f.owners >= w.owners);
              expect(beats).toBe(false);
            }
          }
          // Participation is shared: every option's participation equals the whole's.
          for (const o of t.options ?? [])
            expect(o.law?.thresholds.participationArea.actual.numerator).toBe(
              t.participated.areaHundredths,
            );
        },
      ),
    );
  });
});
