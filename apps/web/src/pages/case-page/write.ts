import { api, type RequestOptions } from '../../api/client';

/**
 * Writes from the case page: the case version each write answers (CaseWriteResponse.version) is
 * kept, so the next read waits for it (`?minVersion`) and the user sees their own write.
 */
let lastWritten = 0;

export async function write(path: string, options: RequestOptions): Promise<unknown> {
  const response = await api<unknown>(path, options);
  if (typeof response === 'object' && response !== null && 'version' in response) {
    const version = Number(response.version);
    if (Number.isSafeInteger(version)) lastWritten = Math.max(lastWritten, version);
  }
  return response;
}

/** The highest case version a write has answered since the page opened this case. */
export function lastWrittenVersion(): number {
  return lastWritten;
}

/** Another case opened: its versions start again. */
export function forgetWrites(): void {
  lastWritten = 0;
}
