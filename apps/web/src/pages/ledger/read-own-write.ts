import { api } from '../../api/client';
import { type CaseDetail } from '../../api/types';

/**
 * Waits until the ledger's read model holds a write of this page (the list is read from it, a
 * moment behind the log): GET /demands/:id?minVersion answers once the demand's view has reached
 * that version, or after the API's own wait (3 s). The read model applies the log in order, so the
 * last write of a batch stands for the ones before it. Never throws: the list is read again anyway.
 */
export async function readOwnWrite(demandId: string, version: number): Promise<void> {
  try {
    await api(`/demands/${demandId}?minVersion=${version}`);
  } catch {
    // Not readable (yet): the reload shows what the read model has.
  }
}

/**
 * Waits until the case's view lists the demands just escalated into it (the escalation answers
 * with the case's id only, no version to ask for), looking a few times a second for up to five
 * seconds, so the case page opens on them. Never throws: the case page reads the case anyway.
 */
export async function caseListsDemands(
  caseId: string,
  demandIds: readonly string[],
): Promise<void> {
  const until = Date.now() + 5_000;
  for (;;) {
    try {
      const c = await api<CaseDetail>(`/cases/${caseId}`);
      const linked = new Set(c.demands.map((d) => d.id));
      if (demandIds.every((id) => linked.has(id))) return;
    } catch {
      return;
    }
    if (Date.now() >= until) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
