import { ApiError } from '../../api/errors';

/**
 * Refusals whose API message says more than the app's general words: those speak of a case's
 * stage, the ledger's name the demand's status ("诉求状态为“已签收”，不能退回"), who may act ("只有
 * 提出诉求的人可以撤回") or the rule ("“停车管理”…不在本网格的准入清单内").
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

/** The text to show for a refused ledger call: the API's sentence where it is the better one. */
export function ledgerWords(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.apiMessage === null || !OWN_WORDS.has(error.code))
    return error;
  // A validation failure of the request's fields is said best by the app (field by field).
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details.fields)) return error;
  error.message = error.apiMessage;
  return error;
}
