import { ApiError, FileTooLargeError, NetworkError } from './errors';
import { fileNameOf } from './file-name';
import { idempotencyKeyFor, newIdempotencyKey } from './idempotency';

export { newIdempotencyKey };

const BASE = '/api/v1';
const TOKEN_KEY = 'yishi.token';

let token: string | null = readStoredToken();
const signedOutListeners = new Set<() => void>();
const tokenListeners = new Set<() => void>();

function readStoredToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return token;
}

/**
 * Called, synchronously, as the token is about to change (sign-in, sign-out, expiry): the outbox
 * stops sending there, so nothing of one user goes out with another's token.
 */
export function onTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

export function setToken(value: string | null): void {
  if (value !== token) for (const listener of tokenListeners) listener();
  token = value;
  try {
    if (value === null) window.localStorage.removeItem(TOKEN_KEY);
    else window.localStorage.setItem(TOKEN_KEY, value);
  } catch {
    // Private mode without storage: the session lasts as long as the tab.
  }
}

/**
 * Ends a token on the server (`POST /auth/logout`, which ends every token of the account), so a
 * copy left in this browser is good for nothing. Never throws: offline, the token still lapses.
 */
export async function endToken(ending: string): Promise<void> {
  try {
    await fetch(`${BASE}/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ending}` },
    });
  } catch {
    // Offline: nothing more to do here.
  }
}

/** Called when the API says the token is no longer good (401): the app shows the login page. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A file or other binary body, sent as it is (not JSON) with its own type. */
  raw?: Blob;
  /**
   * The form's Idempotency-Key, so a retried tap writes nothing twice. Sent as it is with the
   * form's first request and its retries; a changed body (the form corrected after an error) is
   * sent under a new key, remembered for the form (`./idempotency`).
   */
  idempotencyKey?: string;
  /**
   * More request headers, sent as they are: the outbox's Idempotency-Key for a photo, which must
   * be the same after a page reload (pages/round/outbox.ts), where `idempotencyKey` is a form's.
   */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

let uploadLimit: number | null = null;

/** The largest upload the platform takes (GET /me `limits.uploadMaxBytes`); null: unknown. */
export function setUploadLimit(bytes: number | null): void {
  uploadLimit = bytes;
}

/**
 * One call of the public API; throws ApiError (with Chinese text) or NetworkError, or, for a file
 * over the upload limit, FileTooLargeError before anything is sent.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  if (options.raw !== undefined && uploadLimit !== null && options.raw.size > uploadLimit)
    throw new FileTooLargeError(options.raw.size, uploadLimit);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.raw !== undefined)
    headers['Content-Type'] =
      options.raw.type === '' ? 'application/octet-stream' : options.raw.type;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  const method = options.method ?? 'GET';
  if (options.idempotencyKey !== undefined)
    headers['Idempotency-Key'] = idempotencyKeyFor(
      options.idempotencyKey,
      method,
      path,
      options.body,
      options.raw,
    );
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? null : JSON.stringify(options.body)),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  return (await answer(response, path)) as T;
}

/**
 * A file POSTed as it is (as `api` with `raw`), telling `onProgress` how much of it has gone, 0 to
 * 1: a photo over a weak phone signal takes a while, and fetch cannot tell. Errors as for `api`.
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  onProgress: (sent: number) => void,
): Promise<T> {
  if (uploadLimit !== null && file.size > uploadLimit)
    return Promise.reject(new FileTooLargeError(file.size, uploadLimit));
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${BASE}${path}`);
    request.setRequestHeader('Accept', 'application/json');
    if (token !== null) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader(
      'Content-Type',
      file.type === '' ? 'application/octet-stream' : file.type,
    );
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new NetworkError());
    request.onabort = () => reject(new NetworkError());
    request.onload = () => {
      const body = request.status === 204 ? null : request.responseText;
      answer(new Response(body, { status: request.status }), path).then(
        (value) => resolve(value as T),
        reject,
      );
    };
    request.send(file);
  });
}

/** A non-2xx answer as ApiError (signing out on a 401); else the parsed JSON body. */
async function answer(response: Response, path: string): Promise<unknown> {
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, body);
    if (response.status === 401 && token !== null && path !== '/auth/token') {
      setToken(null);
      for (const listener of signedOutListeners) listener();
    }
    throw error;
  }
  return body;
}

/**
 * A file from the API (a CSV export, an evidence photo): the bytes with the bearer token, which a
 * plain link or <img src> cannot send. Errors as for `api`.
 */
export async function apiFile(
  path: string,
  options: {
    signal?: AbortSignal;
    /** The type asked for: `text/csv` of a list that answers JSON or CSV. */
    accept?: string;
  } = {},
): Promise<{ blob: Blob; fileName: string | null }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.accept !== undefined) headers.Accept = options.accept;
  let response: Response;
  try {
    response = await fetch(path.startsWith(BASE) ? path : `${BASE}${path}`, {
      headers,
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (!response.ok) await answer(response, path);
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition')),
  };
}

/** Saves a blob as a download (the browser's own save, with the given name). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Opens an HTML document the API renders (a publication, printable ballot sheets) in a new window:
 * fetched with the token (a plain link cannot send it), shown from a blob URL. The window is opened
 * before the fetch, inside the tap, so that a popup blocker lets it through.
 */
export async function openHtml(path: string): Promise<void> {
  const target = window.open('', '_blank');
  try {
    const file = await apiFile(path);
    const url = URL.createObjectURL(new Blob([file.blob], { type: 'text/html;charset=utf-8' }));
    if (target === null) window.location.assign(url);
    else target.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    target?.close();
    throw error;
  }
}
