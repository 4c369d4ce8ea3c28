import { Query } from '@nestjs/cqrs';
import { type WhistleListFilter, type WhistleListOf } from '../whistle-queries';
import { type WhistleListResponse } from '../whistles.dto';

/** The whistles of a department, a community or a street. */
export class ListWhistlesQuery extends Query<WhistleListResponse> {
  constructor(
    readonly of: WhistleListOf,
    readonly filter: WhistleListFilter,
  ) {
    super();
  }
}
