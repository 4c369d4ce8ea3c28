/**
 * The mediation's commands (矛盾调解, docs/procedure.md): opening one between named households,
 * drafting the agreement (调解协议) and each side signing it in the app. The last signature closes
 * the case `resolved`; a close by hand `unresolved` is 调解不成. No owners' vote, no evaluation.
 */
import {
  AlreadyExistsError,
  ConcurrencyConflictError,
  ForbiddenError,
  ValidationError,
  WrongStageError,
} from '../errors';
import { formatChineseTime } from '../calendar';
import {
  type CaseCommand,
  type DraftAgreement,
  type OpenCase,
  type SignAgreement,
} from './commands';
import { requireStage, type Now } from './decide-support';
import { type CaseEvent } from './events';
import { record } from './guards';
import { sideOf, unsignedUnitIds } from './mediation';
import { DEFAULT_PROCEDURES, type CaseProcedure } from './procedure';
import { type Case, type Mechanism, type MediationSide } from './types';

/** At most this many households in one dispute (a building's worth is a consultation, not this). */
export const MAX_SIDES = 10;
/** At most this many people speak and sign for one household. */
export const MAX_SIDE_USERS = 10;
export const MAX_AGREEMENT_LENGTH = 10_000;

/**
 * What a mediation adds to CaseOpened: its sides and mediator, and its fixed procedure (a meeting
 * when the mediator sees fit, no decision by vote). Null for the other mechanisms, which may not
 * name sides or a mediator.
 */
export function mediationOpening(
  mechanism: Mechanism,
  d: OpenCase['data'],
): {
  readonly mediation: { readonly sides: MediationSide[]; readonly mediatorId: string };
  readonly procedure: CaseProcedure;
} | null {
  const given = (v: unknown) => v !== undefined && v !== null;
  if (mechanism !== 'mediation') {
    if (given(d.sides) || given(d.mediatorId))
      throw new ValidationError('只有矛盾调解案件有当事各方和调解员', {
        field: given(d.sides) ? 'sides' : 'mediatorId',
      });
    return null;
  }
  if (given(d.procedure) || given(d.civilCodeMatter))
    throw new ValidationError('矛盾调解以各方签署调解协议结案，不适用议事程序或业主表决', {
      field: given(d.procedure) ? 'procedure' : 'civilCodeMatter',
    });
  if ((d.involvedParties ?? []).length > 0)
    throw new ValidationError('矛盾调解没有必需的议事方', { field: 'involvedParties' });
  if (!Array.isArray(d.sides) || d.sides.length < 2 || d.sides.length > MAX_SIDES)
    throw new ValidationError(`矛盾调解须有 2 至 ${MAX_SIDES} 户当事方`, { field: 'sides' });
  const sides = (d.sides as readonly unknown[]).map((s, i) => side(s, i));
  const units = sides.map((s) => s.unitId);
  if (new Set(units).size !== units.length)
    throw new ValidationError('同一户只能作为一方当事人', { field: 'sides' });
  const users = sides.flatMap((s) => s.userIds);
  if (new Set(users).size !== users.length)
    throw new ValidationError('同一人只能属于一方当事人', { field: 'sides' });
  const mediatorId = nonBlank(d.mediatorId, 'mediatorId', '请指定调解员');
  if (users.includes(mediatorId))
    throw new ValidationError('调解员不能是当事人', { field: 'mediatorId' });
  return { mediation: { sides, mediatorId }, procedure: DEFAULT_PROCEDURES.mediation };
}

function side(value: unknown, i: number): MediationSide {
  const field = `sides[${i}]`;
  const s = record(value, field);
  const unitId = nonBlank(s.unitId, `${field}.unitId`, '每一方须指明其房屋');
  if (!Array.isArray(s.userIds) || s.userIds.length === 0 || s.userIds.length > MAX_SIDE_USERS)
    throw new ValidationError(`每一方须有 1 至 ${MAX_SIDE_USERS} 名当事人`, {
      field: `${field}.userIds`,
    });
  const userIds = (s.userIds as readonly unknown[]).map((u, j) =>
    nonBlank(u, `${field}.userIds[${j}]`, '当事人须为用户编号'),
  );
  return { unitId, userIds };
}

function nonBlank(value: unknown, field: string, message: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ValidationError(message, { field });
}

/**
 * What a mediation refuses of the other cases' commands: a resolution (nobody votes), and a close
 * by hand as resolved (only the sides' signatures resolve it). The agreement's commands are
 * refused for the other mechanisms.
 */
export function refuseForMechanism(state: Case, command: CaseCommand): void {
  if (state.mechanism !== 'mediation') {
    if (command.type === 'DraftAgreement' || command.type === 'SignAgreement')
      throw new ValidationError('只有矛盾调解案件有调解协议', { mechanism: state.mechanism });
    return;
  }
  if (command.type === 'DraftResolution')
    throw new ValidationError('矛盾调解不经表决：请起草调解协议，由各方签署', { field: 'rule' });
  if (command.type === 'CloseCase' && (command.data.outcome as string) === 'resolved')
    throw new ValidationError('调解成功须由各方在应用中签署调解协议', { field: 'outcome' });
}

/** A new draft replaces the last one and clears its signatures: each side signs what it reads. */
export function draftAgreement(state: Case, d: DraftAgreement['data'], now: Now): CaseEvent[] {
  const mediation = mediationOf(state);
  requireStage(state, 'deliberation', '起草调解协议');
  if (d.bySecretary !== true && now.actorId !== mediation.mediatorId)
    throw new ForbiddenError('只有本案调解员或社区书记可以起草调解协议');
  const text = typeof d.text === 'string' ? d.text.trim() : '';
  if (text === '' || [...text].length > MAX_AGREEMENT_LENGTH)
    throw new ValidationError(`调解协议内容须为 1 至 ${MAX_AGREEMENT_LENGTH} 字`, {
      field: 'text',
    });
  return [
    {
      type: 'AgreementDrafted',
      data: {
        draft: (mediation.agreement?.draft ?? 0) + 1,
        text,
        draftedAt: now.iso,
        draftedBy: now.actorId,
      },
    },
  ];
}

/**
 * The caller signs the current draft for their side. The last side to sign closes the case
 * `resolved` (调解成功), as the evaluation closes the other cases.
 */
export function signAgreement(state: Case, d: SignAgreement['data'], now: Now): CaseEvent[] {
  const mediation = mediationOf(state);
  requireStage(state, 'deliberation', '签署调解协议');
  const side = sideOf(state, now.actorId);
  if (side === undefined) throw new ForbiddenError('只有调解当事人可以签署调解协议');
  const agreement = mediation.agreement;
  if (agreement === null) throw new WrongStageError('尚未起草调解协议', { stage: state.stage });
  if (typeof d.draft !== 'number' || !Number.isSafeInteger(d.draft))
    throw new ValidationError('须注明所签署的协议稿次', { field: 'draft' });
  if (d.draft !== agreement.draft)
    throw new ConcurrencyConflictError(
      `调解协议已更新为第 ${agreement.draft} 稿，请阅读新稿后再签署`,
      { draft: agreement.draft },
    );
  const signed = agreement.signatures.find((s) => s.unitId === side.unitId);
  if (signed !== undefined)
    throw new AlreadyExistsError(
      `本户已签署本稿调解协议（${formatChineseTime(signed.signedAt)}）`,
      {
        unitId: side.unitId,
        draft: agreement.draft,
      },
    );
  const signature: CaseEvent = {
    type: 'AgreementSigned',
    data: { draft: agreement.draft, unitId: side.unitId, signedAt: now.iso, signedBy: now.actorId },
  };
  const last = unsignedUnitIds(state).every((unitId) => unitId === side.unitId);
  return last ? [signature, closedResolved(state, now)] : [signature];
}

/**
 * A mediation's close through the gate (EvaluateAdvance to closed): every side has signed. The
 * last signature closes the case itself, so this is reached only by a request after a reopen.
 */
export function closeMediation(state: Case, now: Now): CaseEvent[] {
  return [closedResolved(state, now)];
}

function closedResolved(state: Case, now: Now): CaseEvent {
  return {
    type: 'CaseClosed',
    data: {
      outcome: 'resolved',
      reason: null,
      stage: state.stage,
      closedAt: now.iso,
      closedBy: now.actorId,
    },
  };
}

function mediationOf(state: Case): NonNullable<Case['mediation']> {
  if (state.mediation === undefined)
    throw new ValidationError('只有矛盾调解案件有调解协议', { mechanism: state.mechanism });
  return state.mediation;
}
