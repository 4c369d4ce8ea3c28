import { ApiError, errorText } from '../api/errors';

/*
 * The words for a refused call to the demands' routes, shared by the demand pages and the ledger:
 * the API's own sentence where it says more than the app's general words (api/errors.ts), which
 * speak of a case's stage and not of a demand's status.
 */

/**
 * Refusals whose API message names the particulars: the demand's status ("诉求状态为“已签收”，不能
 * 退回"), who may act ("只有提出诉求的人可以撤回"), the rule ("“停车管理”…不在本网格的准入清单内"),
 * the demand that could not be merged, the row of an imported file that is wrong.
 */
const OWN_WORDS = new Set([
  'WRONG_STAGE',
  'FORBIDDEN',
  'ALREADY_ACKNOWLEDGED',
  'ALREADY_EXISTS',
  'NOT_FOUND',
  'IN_ADMISSION_LIST',
  'VALIDATION_FAILED',
]);

/** The error to show for a refused call: its message the API's sentence where that is the better one. */
export function demandWords(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.apiMessage === null || !OWN_WORDS.has(error.code))
    return error;
  // A validation failure of the request's fields is said best by the app (field by field).
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details.fields)) return error;
  error.message = error.apiMessage;
  return error;
}

/** The text of `demandWords`' error (for `useAction`). */
export function detailedErrorText(error: unknown): string {
  return errorText(demandWords(error));
}
