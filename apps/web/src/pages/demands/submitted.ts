/**
 * The demand this tab just submitted: the demand page greets it with its number ("已提交，编号
 * …") once, after 我要反映 sends the resident there.
 */
let submitted: { id: string; number: string } | null = null;

export function rememberSubmitted(id: string, number: string): void {
  submitted = { id, number };
}

/** The number of `demandId` if this tab just submitted it (forgetSubmitted once it is shown). */
export function submittedNumber(demandId: string): string | null {
  return submitted !== null && submitted.id === demandId ? submitted.number : null;
}

export function forgetSubmitted(): void {
  submitted = null;
}
