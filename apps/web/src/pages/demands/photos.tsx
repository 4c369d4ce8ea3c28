import { useEffect, useRef, useState } from 'react';
import { apiFile, uploadFile } from '../../api/client';
import { ActionNote, useAction, useLoad } from '../../ui';

/** A photo uploaded (POST /communities/:id/uploads, /whistles/:id/uploads), not yet named by a step. */
export interface PendingPhoto {
  id: string;
  /** A local object URL of the file, for the thumbnail (revoked when removed or left). */
  preview: string;
}

/** The most photos one demand or resolution names (the API's MAX_PHOTOS). */
export const MAX_PHOTOS = 9;

/**
 * Photos for a demand, its resolution or a whistle's step: taken with the camera (`capture` opens it
 * on a phone; on a computer it is a file choice) and uploaded at once, with how far the upload has
 * gone, each shown as a thumbnail with 删除 until the form is sent. A file over the platform's
 * limit is refused before it is sent (uploadFile()).
 */
export function PhotoPicker(props: {
  /** Where a photo is POSTed: `/communities/:id/uploads`, `/whistles/:id/uploads`. */
  uploadPath: string;
  photos: PendingPhoto[];
  onChange: (photos: PendingPhoto[]) => void;
  legend: string;
  /** Told while a photo is uploading: the form waits for it rather than be sent without it. */
  onUploading: (uploading: boolean) => void;
}) {
  const upload = useAction();
  const { onUploading } = props;
  useEffect(() => onUploading(upload.pending), [onUploading, upload.pending]);
  const [skipped, setSkipped] = useState<string | null>(null);
  // How much of the photo being uploaded has gone (0 to 1); null when none is.
  const [sent, setSent] = useState<number | null>(null);
  // The list as the latest render saw it: several files upload one after another.
  const photos = useRef(props.photos);
  photos.current = props.photos;
  const { onChange } = props;
  // Leaving the page drops the previews' object URLs.
  useEffect(
    () => () => {
      for (const p of photos.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );
  const send = async (files: File[]) => {
    const room = MAX_PHOTOS - photos.current.length;
    setSkipped(
      files.length > room
        ? `最多 ${MAX_PHOTOS} 张照片，多出的 ${files.length - room} 张没有上传。`
        : null,
    );
    for (const file of files.slice(0, room)) {
      const ok = await upload.run(async () => {
        setSent(0);
        const stored = await uploadFile<{ id: string }>(props.uploadPath, file, setSent).finally(
          () => setSent(null),
        );
        const next = [...photos.current, { id: stored.id, preview: URL.createObjectURL(file) }];
        photos.current = next;
        onChange(next);
      });
      if (!ok) return;
    }
  };
  const remove = (id: string) => {
    const gone = photos.current.find((p) => p.id === id);
    if (gone !== undefined) URL.revokeObjectURL(gone.preview);
    onChange(photos.current.filter((p) => p.id !== id));
  };
  const full = props.photos.length >= MAX_PHOTOS;
  return (
    <fieldset className="photos">
      <legend>{props.legend}</legend>
      {props.photos.length === 0 ? null : (
        <ul className="thumbs" aria-label="已拍的照片">
          {props.photos.map((p, i) => (
            <li key={p.id}>
              <img src={p.preview} alt={`照片 ${i + 1}`} />
              <button
                type="button"
                className="link-button"
                aria-label={`删除照片 ${i + 1}`}
                onClick={() => remove(p.id)}
              >
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="button secondary big file-button" aria-disabled={upload.pending || full}>
        {full
          ? `最多 ${MAX_PHOTOS} 张照片`
          : upload.pending
            ? `正在上传照片…${sent === null ? '' : ` ${Math.round(sent * 100)}%`}`
            : '拍照（可选）'}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          aria-label="拍照或选择照片"
          disabled={upload.pending || full}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void send(files);
          }}
        />
      </label>
      {sent === null ? null : (
        <progress className="upload-progress" value={sent} max={1} aria-label="照片上传进度" />
      )}
      <ActionNote error={upload.error ?? skipped} done={null} />
    </fieldset>
  );
}

/**
 * Photos of a demand, a resolution or a whistle's step (GET /uploads/:id needs the bearer token,
 * which an <img src> cannot send): each is fetched as a blob and shown from a local object URL; a
 * tap opens it large. `pathOf` says where a photo is read (a whistle's: its photos route).
 */
export function UploadedPhotos(props: {
  ids: readonly string[];
  label: string;
  pathOf?: (id: string) => string;
}) {
  const pathOf = props.pathOf ?? ((id: string) => `/uploads/${id}`);
  if (props.ids.length === 0) return null;
  return (
    <ul className="thumbs" aria-label={props.label}>
      {props.ids.map((id, i) => (
        <li key={id}>
          <UploadedPhoto path={pathOf(id)} name={`${props.label} ${i + 1}`} />
        </li>
      ))}
    </ul>
  );
}

function UploadedPhoto(props: { path: string; name: string }) {
  const [file, reload] = useLoad(
    async (signal) => {
      const { blob } = await apiFile(props.path, { signal });
      return URL.createObjectURL(blob);
    },
    [props.path],
  );
  const src = file.state === 'ready' ? file.value : null;
  useEffect(() => () => void (src === null ? undefined : URL.revokeObjectURL(src)), [src]);
  if (file.state === 'loading') return <span className="muted">照片加载中…</span>;
  if (file.state === 'error')
    return (
      <button type="button" className="link-button" onClick={reload}>
        {props.name}没有加载出来，点这里重试
      </button>
    );
  return (
    <a href={file.value} target="_blank" rel="noreferrer noopener" aria-label={`查看${props.name}`}>
      <img src={file.value} alt={props.name} />
    </a>
  );
}
