import { type DepartmentKind, type DepartmentRole, type Party, type Role } from '@yishi/domain';
import { type Grant, type Rule } from './permissions';

/** The caller's place in one department of the request's street. */
export interface CallerDepartment {
  readonly departmentId: string;
  readonly kind: DepartmentKind;
  readonly role: DepartmentRole;
}

/** Who is asking, as far as the table cares. */
export interface Caller {
  readonly userId: string;
  readonly admin: boolean;
  /** A secretary of at least one community. */
  readonly secretaryAnywhere: boolean;
  /** The caller's membership of the request's community, if any. */
  readonly membership?: {
    readonly roles: readonly Role[];
    readonly party: Party | null;
    /** The estates the member is scoped to (empty or absent: the whole community). */
    readonly estates?: readonly string[];
  };
  /** The caller's departments in the request's street (street- and department-scoped requests). */
  readonly departments?: readonly CallerDepartment[];
}

/**
 * What the resource names about who deals with it: its parties, for `lead-party` and
 * `assignee-party` grants, and a case's handler (经办人), for `case-handler`.
 */
export interface ResourceParties {
  readonly leadParty?: Party | null;
  readonly assigneeParty?: Party | null;
  readonly handlerId?: string | null;
}

/** What the guard found the request is about, as far as the table's grants ask. */
export interface Resource extends ResourceParties {
  /** The departments the request is about, for `department-member` and `department-dispatcher`. */
  readonly departmentIds?: readonly string[];
}

function grants(grant: Grant, caller: Caller | undefined, resource: Resource): boolean {
  if (grant === 'anyone') return true;
  if (caller === undefined) return false;
  if (typeof grant === 'object') {
    const m = caller.membership;
    if (m === undefined || !m.roles.includes(grant.role) || m.party === null) return false;
    const wanted =
      grant.party === 'lead-party'
        ? resource.leadParty
        : grant.party === 'assignee-party'
          ? resource.assigneeParty
          : grant.party;
    return wanted !== undefined && wanted !== null && wanted === m.party;
  }
  const departments = caller.departments ?? [];
  const inResource = (d: CallerDepartment) =>
    resource.departmentIds?.includes(d.departmentId) ?? false;
  switch (grant) {
    case 'user':
      return true;
    case 'admin':
      return caller.admin;
    case 'secretary-anywhere':
      return caller.secretaryAnywhere;
    case 'case-handler':
      return (
        resource.handlerId !== undefined &&
        resource.handlerId !== null &&
        resource.handlerId === caller.userId &&
        (caller.membership?.roles.includes('case-worker') ?? false)
      );
    case 'member':
      return caller.membership !== undefined;
    case 'street-officer-here':
      return departments.some((d) => d.kind === 'street-office');
    case 'street-member':
      return departments.length > 0;
    case 'department-member':
      return departments.some(inResource);
    case 'department-dispatcher':
      return departments.some((d) => inResource(d) && d.role === 'dispatcher');
    case 'secretary':
    case 'party-member':
    case 'resident':
    case 'grid-worker':
    case 'building-lead':
    case 'street-officer':
    case 'mediator':
    case 'unit-lead':
    case 'neighbour-lead':
    case 'case-worker':
      return caller.membership?.roles.includes(grant) ?? false;
  }
}

/** Whether the table lets `caller` (undefined: no token) do what `rule` guards. */
export function authorize(
  rule: Rule,
  caller: Caller | undefined,
  resource: Resource = {},
): boolean {
  return rule.allow.some((g) => grants(g, caller, resource));
}

/**
 * Whether the rule grants by the resource's lead or assignee party, or by the case's handler (so
 * they must be looked up).
 */
export function asksAboutParties(rule: Rule): boolean {
  return rule.allow.some(
    (grant) =>
      grant === 'case-handler' ||
      (typeof grant === 'object' &&
        (grant.party === 'lead-party' || grant.party === 'assignee-party')),
  );
}
