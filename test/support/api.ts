import { type Server } from 'node:http';
import request from 'supertest';

export const DEMO_PASSWORD = 'yishi-demo';
export const TEST_ADMIN = { username: 'admin', password: 'admin-password-1' };

/** An access token for `username`. */
export async function login(
  server: Server | string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await request(server).post('/api/v1/auth/token').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

/** A supertest parser that keeps the body as raw bytes (files, CSV with its BOM, PDF). */
export const rawBytes = (
  res: request.Response,
  done: (err: Error | null, body: Buffer) => void,
): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Requests under /api/v1 (or /health, /metrics, /open311/…) with a bearer token (or none). */
export function client(server: Server | string, token?: string) {
  const auth = <T extends request.Test>(t: T): T =>
    token === undefined ? t : t.set('Authorization', `Bearer ${token}`);
  const url = (path: string) =>
    path.startsWith('/') &&
    !path.startsWith('/api/') &&
    !path.startsWith('/open311/') &&
    !['/health', '/metrics'].includes(path)
      ? `/api/v1${path}`
      : path;
  return {
    get: (path: string) => auth(request(server).get(url(path))),
    post: (path: string, body?: string | object) =>
      auth(request(server).post(url(path))).send(body ?? {}),
    patch: (path: string, body?: object) => auth(request(server).patch(url(path))).send(body ?? {}),
    put: (path: string, body?: object) => auth(request(server).put(url(path))).send(body ?? {}),
    delete: (path: string) => auth(request(server).delete(url(path))),
  };
}

/** The demo member of each of the five parties (first start's demo data). */
export const PARTY_ACCOUNTS = {
  'party-organisation': 'dangwei',
  'owners-committee': 'yeweihui',
  'property-company': 'wuye',
  'resident-representatives': 'jumindaibiao',
  'partner-units': 'gongjian',
} as const;
