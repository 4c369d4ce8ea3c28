// The demand pages' own styles (Vite bundles them with the app's).
import '../../styles/demands.css';
import { type FormEvent, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { type DemandCategory, type SubmitLedgerDemand, type Unit } from '../../api/types';
import { DEMAND_CATEGORY_LABELS } from '../../labels';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { unitText } from '../../units';
import { ActionNote, Empty, ErrorBox, Loading, useAction, useLoad } from '../../ui';
import { type DemandWritten, ledgerWrite, newDemandId, unitsWithIds } from './ledger-api';
import { type PendingPhoto, PhotoPicker } from './photos';
import { rememberSubmitted } from './submitted';

/** The categories in the order a resident looks for them: the everyday ones first. */
const CATEGORIES: readonly DemandCategory[] = [
  'public-facilities',
  'environment-sanitation',
  'property-service',
  'utilities',
  'safety-hazard',
  'noise',
  'parking',
  'greening',
  'neighbour-dispute',
  'elderly-disabled-care',
  'illegal-construction',
  'other',
];

/** Not about one's own home: the place is said in words. */
const ELSEWHERE = 'elsewhere';
const CONTENT_MAX = 1900;
const PLACE_MAX = 80;

/**
 * 我要反映: a resident (owner or tenant) tells the community of a problem from their phone. Big
 * controls for older residents; their home is chosen already (a choice when they have several);
 * photos from the camera. The demand's id is made here and the form keeps one Idempotency-Key, so
 * a double tap or a retry after a lost answer records one demand (docs/demands.md).
 */
export function NewDemandPage() {
  const session = useSession();
  const communityId = session.membership?.communityId ?? '';
  const unitIds = session.membership?.unitIds ?? [];
  const [units, reloadUnits] = useLoad(
    (signal) => unitsWithIds(communityId, unitIds, signal),
    [communityId, unitIds.join(',')],
  );
  const [category, setCategory] = useState<DemandCategory | null>(null);
  const [content, setContent] = useState('');
  const [where, setWhere] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey);
  const [id] = useState(newDemandId);
  const action = useAction();

  const mine = units.state === 'ready' ? units.value : [];
  // Their first home unless they chose: most residents have one.
  const chosen = where ?? mine[0]?.id ?? ELSEWHERE;
  const elsewhere = chosen === ELSEWHERE;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (category === null) return setMissing('请先选择是哪一类事（第 1 步）。');
    if (content.trim() === '') return setMissing('请写一写是什么事（第 2 步）。');
    if (elsewhere && place.trim() === '') return setMissing('请写一下具体在哪里（第 3 步）。');
    setMissing(null);
    const words = place.trim() === '' ? content.trim() : `${content.trim()}\n地点：${place.trim()}`;
    const body: SubmitLedgerDemand = {
      id,
      content: words,
      category,
      source: 'online',
      ...(elsewhere ? {} : { unitId: chosen }),
      ...(photos.length > 0 ? { photoIds: photos.map((p) => p.id) } : {}),
    };
    await action.run(async () => {
      const written = await ledgerWrite<DemandWritten>(`/communities/${communityId}/demands`, {
        method: 'POST',
        body,
        idempotencyKey: key,
      });
      rememberSubmitted(written.id, written.number);
      navigate(`/demands/${written.id}`);
    });
  };

  if (session.membership === null)
    return (
      <section>
        <h1>我要反映</h1>
        <Empty>您还不是任何社区的成员，请联系社区工作人员。</Empty>
      </section>
    );
  return (
    <section className="new-demand">
      <p>
        <Link to="/home">← 返回</Link>
      </p>
      <h1>我要反映</h1>
      <p className="lead">
        家门口、楼道里、小区里有什么问题，告诉社区。网格员收到后会尽快处理，办好后请您评价。
      </p>
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="category-tiles">
          <legend>1. 是哪一类事？</legend>
          {CATEGORIES.map((c) => (
            <label key={c} className={c === category ? 'tile chosen' : 'tile'}>
              <input
                type="radio"
                name="category"
                value={c}
                checked={c === category}
                onChange={() => setCategory(c)}
              />
              {DEMAND_CATEGORY_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <label>
          2. 是什么事？
          <textarea
            name="content"
            value={content}
            rows={4}
            maxLength={CONTENT_MAX}
            placeholder="比如：2单元楼道的灯坏了一个星期，晚上看不见路"
            onChange={(e) => setContent(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>3. 在哪里？</legend>
          {units.state === 'loading' ? <Loading text="正在读取您家的房屋…" /> : null}
          {units.state === 'error' ? (
            <ErrorBox message={units.message} onRetry={reloadUnits} />
          ) : null}
          <UnitChoices units={mine} chosen={chosen} onChoose={setWhere} />
          <label>
            {elsewhere ? '具体地点' : '具体地点（可不填）'}
            <input
              type="text"
              name="place"
              value={place}
              maxLength={PLACE_MAX}
              placeholder={
                elsewhere ? '比如：小区东门、3号楼后面的花坛' : '比如：楼道、电梯里、单元门口'
              }
              onChange={(e) => setPlace(e.target.value)}
            />
          </label>
        </fieldset>
        <PhotoPicker
          uploadPath={`/communities/${communityId}/uploads`}
          photos={photos}
          onChange={setPhotos}
          onUploading={setUploading}
          legend="4. 拍张照片（可不拍）"
        />
        <ActionNote error={missing ?? action.error} done={null} />
        <button
          type="submit"
          className="button primary big wide"
          disabled={action.pending || uploading}
        >
          {action.pending ? '正在提交…' : uploading ? '照片上传中…' : '提交'}
        </button>
      </form>
    </section>
  );
}

/** Their homes (as people say them: 12号楼2单元301), then "somewhere else". */
function UnitChoices(props: { units: Unit[]; chosen: string; onChoose: (id: string) => void }) {
  const estates = new Set(props.units.map((u) => u.estate));
  const name = (u: Unit) => (estates.size > 1 ? `${u.estate} ${unitText(u)}` : unitText(u));
  return (
    <>
      {props.units.map((u) => (
        <label key={u.id} className="choice big-choice">
          <input
            type="radio"
            name="where"
            value={u.id}
            checked={props.chosen === u.id}
            onChange={() => props.onChoose(u.id)}
          />
          我家：{name(u)}
        </label>
      ))}
      <label className="choice big-choice">
        <input
          type="radio"
          name="where"
          value={ELSEWHERE}
          checked={props.chosen === ELSEWHERE}
          onChange={() => props.onChoose(ELSEWHERE)}
        />
        不在我家（小区里别的地方）
      </label>
    </>
  );
}
