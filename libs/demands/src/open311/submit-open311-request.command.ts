import { Command } from '@nestjs/cqrs';
import { type LedgerDemand } from '@yishi/domain';

/** What POST requests answers: the demand's number, what to expect, the app's account id. */
export interface SubmittedOpen311Request {
  readonly demand: LedgerDemand;
  /** The demand's readable number (`XY-20261207-0001`): the request's id in every document. */
  readonly serviceRequestId: string;
  readonly serviceNotice: string | null;
  readonly accountId: string | null;
}

/**
 * A request from a 311 app (GeoReport v2 "POST Service Request"): the form's fields as sent, the
 * body's over the query's. It becomes a ledger demand recorded by the key's issuer.
 */
export class SubmitOpen311RequestCommand extends Command<SubmittedOpen311Request> {
  constructor(readonly fields: Readonly<Record<string, string>>) {
    super();
  }
}
