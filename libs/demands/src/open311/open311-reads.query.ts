import { Query } from '@nestjs/cqrs';
import { type Open311Request, type Open311Service, type RequestsFilter } from './georeport';

/** GET services of a jurisdiction (null: the platform's only community). */
export class Open311ServicesQuery extends Query<readonly Open311Service[]> {
  constructor(readonly jurisdictionId: string | null) {
    super();
  }
}

/** GET requests: the jurisdiction's requests submitted through Open311 that the filter selects. */
export class Open311RequestsQuery extends Query<Open311Request[]> {
  constructor(
    readonly jurisdictionId: string | null,
    readonly filter: RequestsFilter,
  ) {
    super();
  }
}

/** GET a request by its number (or id); 404 unless it was submitted through Open311 there. */
export class Open311RequestQuery extends Query<Open311Request> {
  constructor(
    readonly jurisdictionId: string | null,
    readonly serviceRequestId: string,
  ) {
    super();
  }
}
