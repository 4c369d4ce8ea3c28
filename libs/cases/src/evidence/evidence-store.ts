import { type Queryable } from '@yishi/event-store';
import { type EvidenceType } from '@yishi/platform';

/** A stored upload (migration 1773000000000, `evidence_files`). */
export interface EvidenceFile {
  readonly id: string;
  readonly communityId: string;
  readonly caseId: string;
  readonly taskId: string;
  readonly contentType: EvidenceType;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly fileName: string | null;
  readonly storageKey: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

interface Row {
  id: string;
  community_id: string;
  case_id: string;
  task_id: string;
  content_type: EvidenceType;
  size_bytes: number;
  sha256: string;
  file_name: string | null;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const toFile = (r: Row): EvidenceFile => ({
  id: r.id,
  communityId: r.community_id,
  caseId: r.case_id,
  taskId: r.task_id,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  fileName: r.file_name,
  storageKey: r.storage_key,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at.toISOString(),
});

export async function insertEvidence(
  db: Queryable,
  file: Omit<EvidenceFile, 'uploadedAt'>,
): Promise<EvidenceFile> {
  const { rows } = await db.query<Row>(
    `INSERT INTO evidence_files (id, community_id, case_id, task_id, content_type, size_bytes,
       sha256, file_name, storage_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING *`,
    [
      file.id,
      file.communityId,
      file.caseId,
      file.taskId,
      file.contentType,
      file.sizeBytes,
      file.sha256,
      file.fileName,
      file.storageKey,
      file.uploadedBy,
    ],
  );
  return toFile(rows[0]!);
}

export async function readEvidence(db: Queryable, id: string): Promise<EvidenceFile | undefined> {
  const { rows } = await db.query<Row>(`SELECT * FROM evidence_files WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toFile(rows[0]);
}

/** The uploads of the given ids that belong to `taskId` (others are not returned). */
export async function evidenceOfTask(
  db: Queryable,
  taskId: string,
  ids: readonly string[],
): Promise<EvidenceFile[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<Row>(
    `SELECT * FROM evidence_files WHERE task_id = $1 AND id = ANY ($2::uuid[])`,
    [taskId, ids],
  );
  return rows.map(toFile);
}

/** Every upload of a case, oldest first (the archive). */
export async function evidenceOfCase(db: Queryable, caseId: string): Promise<EvidenceFile[]> {
  const { rows } = await db.query<Row>(
    `SELECT * FROM evidence_files WHERE case_id = $1 ORDER BY uploaded_at, id`,
    [caseId],
  );
  return rows.map(toFile);
}

/** How an uploaded file is named in a task's evidence list: its API path. */
export function evidencePath(file: Pick<EvidenceFile, 'id' | 'taskId'>): string {
  return `/api/v1/tasks/${file.taskId}/evidence/${file.id}`;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const EVIDENCE_PATH = new RegExp(`^/api/v1/tasks/(${UUID})/evidence/(${UUID})$`, 'i');

/** The upload an evidence item names (its task and id), or undefined for an external URL. */
export function uploadOf(item: string): { taskId: string; id: string } | undefined {
  const m = EVIDENCE_PATH.exec(item);
  return m === null ? undefined : { taskId: m[1]!.toLowerCase(), id: m[2]!.toLowerCase() };
}
