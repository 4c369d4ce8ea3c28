import { type NextFunction, type Request, type Response } from 'express';
import { assertStorableJson } from '@yishi/domain';

/**
 * Refuses, with 400 VALIDATION_FAILED naming the field, a body or query holding text PostgreSQL
 * cannot store (U+0000, unpaired surrogates) or nested deeper than any request of the API needs,
 * before any handler runs: such input must never reach a write and fail there as a 5xx.
 */
export function storableInput(req: Request, _res: Response, next: NextFunction): void {
  try {
    assertStorableJson(req.query, '$query');
    assertStorableJson(req.body ?? null, '$body');
    next();
  } catch (error) {
    next(error);
  }
}
