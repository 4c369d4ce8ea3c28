import { DECISION_KINDS, MEETING_REQUIREMENTS, type ProcedureInput } from '@yishi/domain';

/** The most categories a community gives a procedure of their own. */
export const MAX_PROCEDURE_CATEGORIES = 50;
/** A case's category is at most this long (the open-case request's limit). */
const MAX_CATEGORY_LENGTH = 32;

/**
 * `procedureByCategory` (docs/procedure.md): a case category to the procedure its cases get unless
 * the request says otherwise: `{meeting?, decision?}`, at least one of the two. Undefined when the
 * value is not such an object.
 */
export function parseProcedureByCategory(
  value: unknown,
): Readonly<Record<string, ProcedureInput>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length > MAX_PROCEDURE_CATEGORIES) return undefined;
  const out: Record<string, ProcedureInput> = {};
  for (const [rawCategory, procedure] of entries) {
    const category = rawCategory.normalize('NFC').trim();
    if (category === '' || [...category].length > MAX_CATEGORY_LENGTH) return undefined;
    if (typeof procedure !== 'object' || procedure === null || Array.isArray(procedure))
      return undefined;
    const { meeting, decision, ...rest } = procedure as Record<string, unknown>;
    if (Object.keys(rest).length > 0 || (meeting === undefined && decision === undefined))
      return undefined;
    if (meeting !== undefined && !(MEETING_REQUIREMENTS as readonly unknown[]).includes(meeting))
      return undefined;
    if (decision !== undefined && !(DECISION_KINDS as readonly unknown[]).includes(decision))
      return undefined;
    out[category] = {
      ...(meeting === undefined ? {} : { meeting: meeting as ProcedureInput['meeting'] }),
      ...(decision === undefined ? {} : { decision: decision as ProcedureInput['decision'] }),
    };
  }
  return out;
}
