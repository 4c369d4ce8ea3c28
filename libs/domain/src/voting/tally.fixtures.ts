/* Test helpers for the tally specs: small estates, ballots in order, the civil-code rule's result. */
import { ValidationError } from '../errors';
import {
  buildElectorate,
  type Electorate,
  type ElectorateUnitInput,
  type UnitOwner,
} from './electorate';
import { tally, type Ballot, type Choice, type Matter } from './tally';

export const person = (ownerId: string): UnitOwner => ({ ownerId, kind: 'person' });
export const developer = (ownerId: string): UnitOwner => ({ ownerId, kind: 'developer' });
export const unit = (
  unitId: string,
  areaHundredths: number,
  ...owners: UnitOwner[]
): ElectorateUnitInput => ({ unitId, areaHundredths, owners });

/** `n` units of `area` hundredths, each with its own owner: u0…u(n-1), owners p0…p(n-1). */
export function estate(n: number, area = 10000) {
  return buildElectorate(Array.from({ length: n }, (_, i) => unit(`u${i}`, area, person(`p${i}`))));
}

/** Ballots for u0, u1, … in order: e.g. votes('for', 3, 'against', 1). */
export function votes(...spec: (Choice | number)[]): Ballot[] {
  const ballots: Ballot[] = [];
  for (let i = 0; i < spec.length; i += 2) {
    const choice = spec[i] as Choice;
    const count = spec[i + 1] as number;
    for (let j = 0; j < count; j += 1) ballots.push({ unitId: `u${ballots.length}`, choice });
  }
  return ballots;
}

export const b = (unitId: string, choice: Choice): Ballot => ({ unitId, choice });

export type Snapshot = Electorate;

export function civil(matter: Matter, electorate: Snapshot, ballots: Ballot[]) {
  const result = tally('civil-code-278', matter, electorate, ballots);
  if (result.rule !== 'civil-code-278') throw new Error('unexpected rule');
  return result;
}

export function validationFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).details['fields'] as { field: string }[];
    return fields.map((f) => f.field);
  }
  throw new Error('expected a ValidationError');
}
