import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { type DemandCategory, type Unit } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, SOURCE_LABELS } from '../../labels';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { unitText } from '../../units';
import { ErrorBox, Loading, useLoad } from '../../ui';
import { type DemandDraft, type OutboxEntry, type OutboxPhoto } from './outbox';
import { PhotoError, preparePhoto } from './photos';
import { loadUnits } from './round-data';
import { askPersistentStorage, sendSoon } from './phone-outbox';
import { useOutbox } from './use-outbox';

/** The API's limits (libs/demands submit-demand): checked here so an entry is not refused later. */
const MAX_PHOTOS = 9;
const PHONE = /^\+?[0-9 -]{5,20}$/;
/** The room select's choice for "the building, room not known". */
const NO_ROOM = '-';
const SOURCES = ['door-to-door', 'grid-patrol'] as const;
const CATEGORIES = Object.keys(DEMAND_CATEGORY_LABELS) as DemandCategory[];

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
const distinct = (values: string[]) => [...new Set(values)].sort(byName);

/**
 * 代居民登记: a grid worker writes down a resident's words on a round (入户倾听, 网格巡查): who, where
 * (building → entrance → room from the units kept on the phone), what, and photos from the camera.
 * Saving keeps it in the outbox first (on the phone, with its demand id), then sends; without
 * signal it waits there. `/round/entries/:id` corrects an entry the platform refused.
 */
export function RecordPage(props: { entryId?: string }) {
  const view = useOutbox();
  if (props.entryId === undefined) return <RecordForm entry={null} />;
  if (view.error !== null) return <ErrorBox message={view.error} />;
  if (view.entries === null) return <Loading />;
  const entry = view.entries.find((e) => e.id === props.entryId);
  if (entry === undefined)
    return (
      <section>
        <h1>修改登记</h1>
        <p className="state state-empty">
          这条登记已经发送或删除了。<Link to="/round">回到网格巡查</Link>
        </p>
      </section>
    );
  return <RecordForm key={entry.id} entry={entry} />;
}

interface FormState {
  source: DemandDraft['source'];
  name: string;
  phone: string;
  estate: string;
  building: string;
  entrance: string;
  /** A unit's id, NO_ROOM, or '' (not chosen). */
  room: string;
  category: DemandCategory | '';
  content: string;
}

/** A photo of the form: kept from the entry (maybe uploaded already) or just taken. */
type FormPhoto = { kept: OutboxPhoto; preview: string } | { blob: Blob; preview: string };

function RecordForm(props: { entry: OutboxEntry | null }) {
  const { me, membership } = useSession();
  const communityId = membership?.communityId ?? '';
  const view = useOutbox();
  const [units, reloadUnits] = useLoad(
    (signal) => loadUnits(communityId, me.id, signal),
    [communityId, me.id],
  );
  const initial = props.entry?.draft;
  const [form, setForm] = useState<FormState>(() => ({
    source: initial?.source ?? 'door-to-door',
    name: initial?.onBehalfOf?.name ?? '',
    phone: initial?.onBehalfOf?.phone ?? '',
    estate: initial?.place?.estate ?? '',
    building: initial?.place?.building ?? '',
    entrance: '',
    room: initial?.place !== null && initial !== undefined ? NO_ROOM : '',
    category: initial?.category ?? '',
    content: initial?.content ?? '',
  }));
  // Every preview made on this form, revoked when it closes.
  const previews = useRef<string[]>([]);
  const preview = (blob: Blob) => {
    const url = URL.createObjectURL(blob);
    previews.current.push(url);
    return url;
  };
  const [photos, setPhotos] = useState<FormPhoto[]>(() =>
    (props.entry?.photos ?? []).map((kept) => ({ kept, preview: preview(kept.blob) })),
  );
  const revoking = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    // A remount right after (React's development check) keeps them.
    clearTimeout(revoking.current);
    return () => {
      revoking.current = setTimeout(() => previews.current.forEach((u) => URL.revokeObjectURL(u)));
    };
  }, []);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState(false);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const list = useMemo(() => (units.state === 'ready' ? units.value.value : []), [units]);
  // An entry being corrected: its unit's place, once the units are read.
  const unitId = initial?.unitId ?? null;
  useEffect(() => {
    const unit = list.find((u) => u.id === unitId);
    if (unit !== undefined)
      set({ estate: unit.estate, building: unit.building, entrance: unit.entrance, room: unit.id });
  }, [list, unitId]);

  const estates = distinct(list.map((u) => u.estate));
  const estate = form.estate !== '' ? form.estate : estates.length === 1 ? (estates[0] ?? '') : '';
  const inEstate = list.filter((u) => u.estate === estate);
  const buildings = distinct(inEstate.map((u) => u.building));
  const inBuilding = inEstate.filter((u) => u.building === form.building);
  const entrances = distinct(inBuilding.map((u) => u.entrance));
  const rooms = inBuilding
    .filter((u) => u.entrance === form.entrance)
    .sort((a, b) => byName(a.room, b.room));

  const addPhotos = async (files: FileList | null) => {
    const chosen = Array.from(files ?? []).slice(0, MAX_PHOTOS - photos.length);
    setAdding(true);
    setProblem(null);
    try {
      for (const file of chosen) {
        const blob = await preparePhoto(file);
        setPhotos((list) => [...list, { blob, preview: preview(blob) }]);
      }
    } catch (error) {
      setProblem(error instanceof PhotoError ? error.message : new PhotoError().message);
    } finally {
      setAdding(false);
    }
  };

  const draftOf = (): DemandDraft | string => {
    const name = form.name.trim();
    const phone = form.phone.trim();
    const content = form.content.trim();
    if (form.source === 'door-to-door' && name === '') return '请填写居民姓名。';
    if (phone !== '' && !PHONE.test(phone)) return '联系电话格式不对：请填 5 到 20 位数字。';
    if (phone !== '' && name === '') return '填了电话，请也填上居民姓名。';
    if (estate === '' || form.building === '') return '请选择楼栋。';
    const unit: Unit | undefined = rooms.find((u) => u.id === form.room);
    if (unit === undefined && form.room !== NO_ROOM)
      return '请选择房号（不知道房号可选「不确定房号」）。';
    if (form.category === '') return '请选择问题类别。';
    if (content === '') return '请写下居民反映的问题。';
    return {
      content,
      category: form.category,
      source: form.source,
      unitId: unit?.id ?? null,
      place: unit === undefined ? { estate, building: form.building } : null,
      onBehalfOf: name === '' ? null : { name, phone: phone === '' ? null : phone },
      placeText:
        unit === undefined ? `${estate} ${form.building}` : `${unit.estate} ${unitText(unit)}`,
    };
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const draft = draftOf();
    if (typeof draft === 'string') return setProblem(draft);
    if (view.outbox === null)
      return setProblem(view.error ?? '正在打开手机上的存储，请稍候再点一次。');
    setSaving(true);
    setProblem(null);
    try {
      const outbox = view.outbox;
      if (props.entry === null)
        await outbox.add(
          me.id,
          communityId,
          draft,
          photos.map((p) => ('blob' in p ? p.blob : p.kept.blob)),
        );
      else
        await outbox.edit(
          props.entry.id,
          draft,
          photos.map((p) => ('blob' in p ? p.blob : p.kept)),
        );
      askPersistentStorage();
      sendSoon(me.id);
      navigate('/round');
    } catch {
      setProblem('没能保存到这部手机上（存储空间可能已满），请清理空间后再试。填写的内容还在。');
      setSaving(false);
    }
  };

  return (
    <section>
      <p>
        <Link to="/round">← 返回网格巡查</Link>
      </p>
      <h1>{props.entry === null ? '代居民登记' : '修改登记'}</h1>
      {props.entry?.refusal ? (
        <p className="note note-error">上次未能提交：{props.entry.refusal.message}</p>
      ) : (
        <p className="muted">没有信号也能登记：先存在这部手机上，联网后自动发送。</p>
      )}
      <form className="card form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset>
          <legend>怎么了解到的</legend>
          {SOURCES.map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name="source"
                value={s}
                checked={form.source === s}
                onChange={() => set({ source: s })}
              />
              {SOURCE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>
            反映问题的居民{form.source === 'grid-patrol' ? '（巡查发现的可不填）' : ''}
          </legend>
          <label>
            居民姓名
            <input
              name="name"
              value={form.name}
              maxLength={32}
              autoComplete="off"
              onChange={(e) => set({ name: e.target.value })}
            />
          </label>
          <label>
            联系电话（可不填）
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              value={form.phone}
              maxLength={20}
              autoComplete="off"
              onChange={(e) => set({ phone: e.target.value })}
            />
          </label>
        </fieldset>
        <fieldset>
          <legend>地点</legend>
          {units.state === 'loading' ? <Loading text="正在读取房屋列表…" /> : null}
          {units.state === 'error' ? (
            <ErrorBox
              message="未联网，这部手机上也还没有存过房屋列表：请联网后打开一次「网格巡查」，之后没有信号也能选房屋。"
              onRetry={reloadUnits}
            />
          ) : null}
          {units.state === 'ready' && list.length === 0 ? (
            <p className="note">房屋台账中还没有您网格的房屋，请联系社区书记。</p>
          ) : null}
          {estates.length > 1 ? (
            <label>
              小区
              <select
                name="estate"
                aria-label="小区"
                value={estate}
                onChange={(e) =>
                  set({ estate: e.target.value, building: '', entrance: '', room: '' })
                }
              >
                <option value="">请选择小区</option>
                {estates.map((e) => (
                  <option key={e}>{e}</option>
                ))}
              </select>
            </label>
          ) : null}
          {list.length > 0 ? (
            <>
              <label>
                楼栋
                <select
                  name="building"
                  aria-label="楼栋"
                  value={form.building}
                  disabled={estate === ''}
                  onChange={(e) => set({ building: e.target.value, entrance: '', room: '' })}
                >
                  <option value="">请选择楼栋</option>
                  {buildings.map((b) => (
                    <option key={b}>{b}</option>
                  ))}
                </select>
              </label>
              <label>
                单元
                <select
                  name="entrance"
                  aria-label="单元"
                  value={form.entrance}
                  disabled={form.building === ''}
                  onChange={(e) => set({ entrance: e.target.value, room: '' })}
                >
                  <option value="">{form.building === '' ? '先选楼栋' : '请选择单元'}</option>
                  {entrances.map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
              </label>
              <label>
                房号
                <select
                  name="room"
                  aria-label="房号"
                  value={form.room}
                  disabled={form.building === ''}
                  onChange={(e) => set({ room: e.target.value })}
                >
                  <option value="">{form.entrance === '' ? '先选单元' : '请选择房号'}</option>
                  {rooms.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.room}
                    </option>
                  ))}
                  <option value={NO_ROOM}>不确定房号（只记到楼栋）</option>
                </select>
              </label>
            </>
          ) : null}
        </fieldset>
        <label>
          问题类别
          <select
            name="category"
            aria-label="问题类别"
            value={form.category}
            onChange={(e) => set({ category: e.target.value as DemandCategory })}
          >
            <option value="">请选择类别</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {DEMAND_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          反映的问题
          <textarea
            name="content"
            rows={5}
            maxLength={2000}
            value={form.content}
            placeholder="照居民的原话写下来，如：楼道灯坏了一个星期，晚上上下楼看不见。"
            onChange={(e) => set({ content: e.target.value })}
          />
        </label>
        <fieldset className="photos">
          <legend>现场照片（可不拍，最多 {MAX_PHOTOS} 张）</legend>
          {photos.length > 0 ? (
            <ul className="thumbs" aria-label="已拍的照片">
              {photos.map((p, i) => (
                <li key={p.preview}>
                  <img src={p.preview} alt={`照片 ${i + 1}`} />
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`删除照片 ${i + 1}`}
                    onClick={() => setPhotos((list) => list.filter((x) => x !== p))}
                  >
                    删除
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="row">
            <PhotoButton
              label="拍照"
              capture
              disabled={adding || photos.length >= MAX_PHOTOS}
              onFiles={addPhotos}
            />
            <PhotoButton
              label="从相册选择"
              disabled={adding || photos.length >= MAX_PHOTOS}
              onFiles={addPhotos}
            />
          </div>
          {adding ? (
            <p className="muted" role="status">
              正在处理照片…
            </p>
          ) : null}
        </fieldset>
        {problem === null ? null : (
          <p className="note note-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button primary big" disabled={saving || adding}>
          {saving ? '正在保存…' : '保存并发送'}
        </button>
      </form>
    </section>
  );
}

function PhotoButton(props: {
  label: string;
  capture?: boolean;
  disabled: boolean;
  onFiles: (files: FileList | null) => Promise<void>;
}) {
  return (
    <label className="button secondary file-button">
      {props.label}
      <input
        type="file"
        accept="image/*"
        {...(props.capture === true ? { capture: 'environment' as const } : { multiple: true })}
        disabled={props.disabled}
        onChange={(e) => {
          void props.onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </label>
  );
}
