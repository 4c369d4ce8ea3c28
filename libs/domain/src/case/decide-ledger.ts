import { ValidationError } from '../errors';
import { LEDGER_SOURCES } from '../demand/types';
import { isDemandNumber } from '../demand/number';
import { type LedgerDemandRef, type LinkDemands } from './commands';
import { type Now } from './decide-support';
import { type CaseEvent } from './events';
import { id, iso, list, oneOf, record, text, time } from './guards';
import { type Case } from './types';

/** The most demands one escalation links (a case gathers many, a request carries a few). */
export const MAX_LINKED_PER_REQUEST = 50;

/**
 * Demands of the ledger (诉求台账) escalated into the case: allowed in any stage while the case is
 * open (the caller has refused a closed case), each once; the ones already on the case are skipped,
 * so a retried escalation appends nothing.
 */
export function linkDemands(state: Case, d: LinkDemands['data'], now: Now): CaseEvent[] {
  const given = list(d.demands, 'demands');
  if (given.length === 0) throw new ValidationError('请至少选择一条诉求', { field: 'demands' });
  if (given.length > MAX_LINKED_PER_REQUEST)
    throw new ValidationError(`一次最多转入 ${MAX_LINKED_PER_REQUEST} 条诉求`, {
      field: 'demands',
    });
  const known = new Set(state.demands.map((x) => x.id));
  const demands: LedgerDemandRef[] = [];
  for (const [i, value] of given.entries()) {
    const ref = demandRef(value, `demands[${i}]`);
    if (known.has(ref.demandId)) continue;
    known.add(ref.demandId);
    demands.push(ref);
  }
  if (demands.length === 0) return [];
  return [{ type: 'DemandsLinked', data: { demands, linkedAt: now.iso, linkedBy: now.actorId } }];
}

function demandRef(value: unknown, field: string): LedgerDemandRef {
  const r = record(value, field);
  const number = text(r.number, `${field}.number`);
  if (!isDemandNumber(number))
    throw new ValidationError('诉求编号格式不正确', { field: `${field}.number`, number });
  return {
    demandId: id(r.demandId, `${field}.demandId`),
    number,
    content: text(r.content, `${field}.content`),
    source: oneOf(LEDGER_SOURCES, r.source, `${field}.source`),
    unitId: r.unitId === null || r.unitId === undefined ? null : id(r.unitId, `${field}.unitId`),
    submittedAt: iso(time(r.submittedAt, `${field}.submittedAt`)),
    submittedBy: id(r.submittedBy, `${field}.submittedBy`),
  };
}
