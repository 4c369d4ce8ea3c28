import { useEffect } from 'react';
import { api, apiFile, saveFile } from '../../api/client';
import { ActionNote, useAction, useLoad } from '../../ui';

/** A photo uploaded to POST /tasks/:id/evidence, not yet named in a report. */
export interface Upload {
  url: string;
  name: string;
  preview: string;
}

/** The most photos one report names (the API takes 20). */
const MAX_PHOTOS = 9;

/**
 * Evidence photos for a task report: take one with the camera (on a phone, `capture` opens it) or
 * pick from the album; each is uploaded at once (the raw file as the body; the API sniffs its
 * type) and shown as a thumbnail until the report names it.
 */
export function PhotoPicker(props: {
  taskId: string;
  photos: Upload[];
  onAdd: (upload: Upload) => void;
  onRemove: (url: string) => void;
}) {
  const upload = useAction();
  const send = async (files: FileList | null) => {
    const list = Array.from(files ?? []).slice(0, MAX_PHOTOS - props.photos.length);
    for (const file of list) {
      const ok = await upload.run(async () => {
        const name = file.name === '' ? 'photo.jpg' : file.name.slice(0, 200);
        const stored = await api<{ url: string }>(
          `/tasks/${props.taskId}/evidence?name=${encodeURIComponent(name)}`,
          { method: 'POST', raw: file },
        );
        props.onAdd({ url: stored.url, name, preview: URL.createObjectURL(file) });
      }, `照片已上传，报告进度时一并提交`);
      if (!ok) break;
    }
  };
  const full = props.photos.length >= MAX_PHOTOS;
  return (
    <fieldset className="photos">
      <legend>现场照片（可不传）</legend>
      {props.photos.length === 0 ? null : (
        <ul className="thumbs" aria-label="待提交的照片">
          {props.photos.map((p, i) => (
            <li key={p.url}>
              <img src={p.preview} alt={`待提交的照片 ${i + 1}：${p.name}`} />
              <button
                type="button"
                className="link-button"
                aria-label={`删除照片 ${i + 1}`}
                onClick={() => props.onRemove(p.url)}
              >
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label className="button secondary file-button">
          拍照上传
          <input
            type="file"
            accept="image/*"
            capture="environment"
            disabled={upload.pending || full}
            onChange={(e) => {
              void send(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        <label className="button secondary file-button">
          从相册选择
          <input
            type="file"
            accept="image/*"
            multiple
            disabled={upload.pending || full}
            onChange={(e) => {
              void send(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {upload.pending ? (
        <p className="muted" role="status">
          正在上传…
        </p>
      ) : null}
      <ActionNote error={upload.error} done={upload.done} />
    </fieldset>
  );
}

/**
 * A report's evidence as thumbnails: uploads are read with the token (an <img src> cannot send
 * it) and shown from a local object URL; a PDF or an outside link is a link.
 */
export function EvidenceList(props: { urls: string[] }) {
  return (
    <ul className="thumbs" aria-label="佐证材料">
      {props.urls.map((url, i) => (
        <li key={url}>
          {url.startsWith('/api/v1/') ? (
            <EvidenceThumb url={url} index={i + 1} />
          ) : (
            <a href={url} target="_blank" rel="noreferrer noopener">
              佐证材料 {i + 1}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

function EvidenceThumb(props: { url: string; index: number }) {
  const [file] = useLoad(
    async (signal) => {
      const { blob, fileName } = await apiFile(props.url, { signal });
      return { blob, fileName, src: URL.createObjectURL(blob) };
    },
    [props.url],
  );
  const src = file.state === 'ready' ? file.value.src : null;
  useEffect(() => () => void (src === null ? undefined : URL.revokeObjectURL(src)), [src]);
  if (file.state === 'loading') return <span className="muted">加载中…</span>;
  if (file.state === 'error') return <span className="muted">照片 {props.index} 无法显示</span>;
  const { blob, fileName } = file.value;
  const label = `佐证照片 ${props.index}${fileName === null ? '' : `：${fileName}`}`;
  if (!blob.type.startsWith('image/') || blob.type === 'image/heic')
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => saveFile(blob, fileName ?? `佐证材料${props.index}`)}
      >
        下载佐证材料 {props.index}
        {fileName === null ? '' : `（${fileName}）`}
      </button>
    );
  return (
    <a href={file.value.src} target="_blank" rel="noreferrer noopener" aria-label={`查看${label}`}>
      <img src={file.value.src} alt={label} />
    </a>
  );
}
