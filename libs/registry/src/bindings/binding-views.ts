/*
 * Real-name binding (实名绑定, docs/voting.md): a resident account may cast a unit's own ballot
 * only once bound to the unit, by matching the owner's certificate and ID numbers against what the
 * secretary recorded, or by the secretary's approval of a request with evidence. The numbers are
 * kept only as HMAC-SHA256 under a server pepper and a salt of the row; nothing here returns,
 * logs or audits them, or their hashes.
 */

/** What a secretary records for one owner of a unit; normalised and hashed at once. */
export interface OwnerIdentityInput {
  readonly certificateNumber: unknown;
  readonly idNumber: unknown;
}

/** A recorded owner identity as the API shows it: never a number, never a hash. */
export interface OwnerIdentityView {
  readonly id: string;
  readonly unitId: string;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
  /** An account is bound to the unit through this record now. */
  readonly bound: boolean;
}

export type BindingMethod = 'registry-match' | 'secretary-approval';

export interface UnitBindingView {
  readonly id: string;
  readonly communityId: string;
  readonly unitId: string;
  readonly unit: { estate: string; building: string; entrance: string; room: string };
  readonly userId: string;
  readonly method: BindingMethod;
  readonly boundAt: string;
  readonly boundBy: string | null;
  readonly unboundAt: string | null;
  readonly unboundBy: string | null;
  readonly active: boolean;
}

export type BindingRequestStatus = 'pending' | 'approved' | 'rejected';

export interface BindingRequestView {
  readonly id: string;
  readonly communityId: string;
  readonly unitId: string;
  readonly userId: string;
  readonly status: BindingRequestStatus;
  readonly evidence: {
    readonly url: string;
    readonly contentType: string;
    readonly sizeBytes: number;
    readonly sha256: string;
    readonly fileName: string | null;
  };
  readonly createdAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly reason: string | null;
}
