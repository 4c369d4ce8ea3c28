import 'fake-indexeddb/auto';
import { ApiError, NetworkError } from '../src/api/errors';
import { type SubmitLedgerDemand } from '../src/api/types';
import {
  type DemandDraft,
  LOCK,
  Outbox,
  type OutboxTransport,
  tabLocks,
  verdictOf,
} from '../src/pages/round/outbox';
import { OutboxStore } from '../src/pages/round/outbox-store';
import { sendFor, sentNotes } from '../src/pages/round/phone-outbox';

/*
 * The grid worker's outbox (apps/web/src/pages/round/outbox.ts) on IndexedDB (fake-indexeddb,
 * the same API in Node), against a fake of the two API calls that keeps their contract: a
 * repeated demand id answers the demand already recorded (200), a repeated Idempotency-Key on an
 * upload replays its first answer. The fake can lose an answer after recording (the request got
 * there, the answer did not), fail the network before it, or refuse.
 */

const USER = 'user-wang';
const COMMUNITY = 'community-1';
const DRAFT: DemandDraft = {
  content: '李奶奶家楼道灯坏了，晚上上下楼看不见',
  category: 'public-facilities',
  source: 'door-to-door',
  unitId: 'unit-10-1-101',
  place: null,
  onBehalfOf: { name: '李奶奶', phone: '13800000000' },
  placeText: '金泰和庄 10号楼1单元101',
};
const photo = (text: string) => new Blob([text], { type: 'image/jpeg' });

type Fault = 'offline' | 'lost-answer' | { status: number; body: unknown };

/** The API as the outbox sees it: a ledger by id, uploads by Idempotency-Key. */
class FakeApi implements OutboxTransport {
  readonly ledger = new Map<string, SubmitLedgerDemand & { number: string }>();
  readonly uploads: { id: string; bytes: string }[] = [];
  readonly submits: SubmitLedgerDemand[] = [];
  readonly uploadCalls: string[] = [];
  /** Faults for the next calls, in order (then every call succeeds). */
  submitFaults: Fault[] = [];
  uploadFaults: Fault[] = [];
  /** Resolves each submit only when released (to hold a send in flight). */
  gate: Promise<void> | null = null;
  private readonly uploadKeys = new Map<string, { id: string }>();

  async uploadPhoto(_community: string, blob: Blob, key: string): Promise<unknown> {
    this.uploadCalls.push(key);
    const fault = this.uploadFaults.shift();
    if (fault === 'offline') throw new NetworkError();
    if (typeof fault === 'object') throw new ApiError(fault.status, fault.body);
    let answer = this.uploadKeys.get(key);
    if (answer === undefined) {
      answer = { id: `upload-${this.uploads.length + 1}` };
      this.uploads.push({ id: answer.id, bytes: await blob.text() });
      this.uploadKeys.set(key, answer);
    }
    if (fault === 'lost-answer') throw new NetworkError();
    return answer;
  }

  async submit(
    _community: string,
    body: SubmitLedgerDemand,
    signal: AbortSignal,
  ): Promise<unknown> {
    this.submits.push(body);
    if (this.gate !== null) await abortable(this.gate, signal);
    const fault = this.submitFaults.shift();
    if (fault === 'offline') throw new NetworkError();
    if (typeof fault === 'object') throw new ApiError(fault.status, fault.body);
    const id = body.id ?? 'server-made';
    let recorded = this.ledger.get(id);
    if (recorded === undefined) {
      recorded = {
        ...body,
        number: `XY-20261207-${String(this.ledger.size + 1).padStart(4, '0')}`,
      };
      this.ledger.set(id, recorded);
    }
    if (fault === 'lost-answer') throw new NetworkError();
    return { id, number: recorded.number, status: 'received', gridId: null, version: 1 };
  }
}

/** `wait`, or an AbortError as soon as `signal` aborts (fetch does the same). */
function abortable(wait: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(new DOMException('aborted', 'AbortError'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort);
    void wait.then(resolve);
  });
}

let dbCount = 0;
const stores: OutboxStore[] = [];
const outboxes: Outbox[] = [];

/** A clock that moves a second per reading: entries made one after another are in order. */
let tick = Date.parse('2026-12-07T08:00:00.000Z');
const clock = () => new Date((tick += 1_000));

async function setUp(api = new FakeApi(), name = `outbox-test-${++dbCount}`) {
  const store = await OutboxStore.open(name);
  stores.push(store);
  const outbox = new Outbox({ store, transport: api, channel: null, now: clock });
  outboxes.push(outbox);
  return { api, store, outbox, name };
}

afterEach(() => {
  for (const o of outboxes.splice(0)) o.close();
  for (const s of stores.splice(0)) s.close();
});

describe('the grid worker outbox', () => {
  it('keeps an entry on disk, with its id and photos, before anything is sent', async () => {
    const { api, outbox, name } = await setUp();
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, [photo('photo-a')]);
    expect(entry.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(api.submits).toHaveLength(0);
    // Another page load (a new connection to the same database) finds it whole.
    const reopened = await OutboxStore.open(name);
    stores.push(reopened);
    const [kept] = await reopened.list();
    expect(kept).toMatchObject({ id: entry.id, state: 'pending', userId: USER, draft: DRAFT });
    expect(await kept!.photos[0]!.blob.text()).toBe('photo-a');
  });

  it('stays queued without signal and sends on the next try, photos first, under its id', async () => {
    const { api, outbox } = await setUp();
    api.uploadFaults = ['offline'];
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, [photo('photo-a'), photo('photo-b')]);

    const offline = await outbox.send(USER);
    expect(offline).toMatchObject({ sent: [], refused: 0, retrying: 1 });
    const [waiting] = await outbox.entries(USER);
    expect(waiting).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: '未联网，联网后自动发送。',
    });
    expect(api.submits).toHaveLength(0);

    const online = await outbox.send(USER);
    expect(online.sent).toEqual([{ id: entry.id, number: 'XY-20261207-0001' }]);
    expect(await outbox.entries(USER)).toEqual([]);
    expect(api.uploads.map((u) => u.bytes)).toEqual(['photo-a', 'photo-b']);
    expect(api.submits).toEqual([
      {
        id: entry.id,
        content: DRAFT.content,
        category: 'public-facilities',
        source: 'door-to-door',
        unitId: 'unit-10-1-101',
        onBehalfOf: { name: '李奶奶', phone: '13800000000' },
        photoIds: ['upload-1', 'upload-2'],
      },
    ]);
  });

  it('records a demand once when its answer is lost, and a photo once when the upload answer is', async () => {
    const { api, outbox } = await setUp();
    api.uploadFaults = ['lost-answer'];
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, [photo('photo-a')]);

    // The upload got there, its answer did not: the same key again replays the first upload.
    expect((await outbox.send(USER)).retrying).toBe(1);
    api.submitFaults = ['lost-answer'];
    // The demand got there, its answer did not: the entry stays, sent again under the same id.
    expect((await outbox.send(USER)).retrying).toBe(1);
    expect(await outbox.entries(USER)).toHaveLength(1);
    const report = await outbox.send(USER);

    expect(report.sent).toEqual([{ id: entry.id, number: 'XY-20261207-0001' }]);
    expect(await outbox.entries(USER)).toEqual([]);
    expect(api.ledger.size).toBe(1);
    expect(api.uploads).toHaveLength(1);
    expect(new Set(api.uploadCalls)).toEqual(new Set([`${entry.id}.${entry.photos[0]!.key}`]));
    expect(api.submits.map((b) => b.id)).toEqual([entry.id, entry.id]);
    expect(api.submits.map((b) => b.photoIds)).toEqual([['upload-1'], ['upload-1']]);
  });

  it('keeps a refused entry with the reason in Chinese, stops sending it, and sends it once edited', async () => {
    const { api, outbox } = await setUp();
    api.submitFaults = [
      {
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'invalid',
            details: { fields: [{ field: 'content', problems: ['content should not be empty'] }] },
          },
        },
      },
    ];
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, []);
    const other = await outbox.add(USER, COMMUNITY, { ...DRAFT, content: '二号楼垃圾桶满了' }, []);

    const report = await outbox.send(USER);
    expect(report).toMatchObject({ refused: 1, retrying: 0 });
    expect(report.sent.map((s) => s.id)).toEqual([other.id]);
    const [refused] = await outbox.entries(USER);
    expect(refused).toMatchObject({ id: entry.id, state: 'refused', attempts: 1 });
    expect(refused!.refusal).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refused!.refusal!.message).toBe(
      '填写的内容有误，请检查后再提交。（有问题的项：内容：不能为空）',
    );

    // Not sent again on its own.
    await outbox.send(USER);
    expect(api.submits.filter((b) => b.id === entry.id)).toHaveLength(1);

    // Corrected, it is pending again and goes under the same id.
    const edited = await outbox.edit(entry.id, { ...DRAFT, content: '楼道灯坏了' }, []);
    expect(edited).toMatchObject({ state: 'pending', refusal: null });
    expect((await outbox.send(USER)).sent.map((s) => s.id)).toEqual([entry.id]);
    expect(api.ledger.get(entry.id)?.content).toBe('楼道灯坏了');
    expect(await outbox.entries(USER)).toEqual([]);
  });

  it('keeps an entry queued on a 5xx, a 401 and a busy key, and refuses on 403 and 409', async () => {
    const { api, outbox } = await setUp();
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, []);
    api.submitFaults = [
      { status: 500, body: undefined },
      { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } },
      { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'expired' } } },
      { status: 409, body: { error: { code: 'IDEMPOTENCY_KEY_IN_USE', message: 'busy' } } },
    ];
    for (let i = 0; i < 4; i++) expect((await outbox.send(USER)).retrying).toBe(1);
    expect((await outbox.entries(USER))[0]).toMatchObject({ state: 'pending', attempts: 4 });
    expect((await outbox.send(USER)).sent.map((s) => s.id)).toEqual([entry.id]);

    expect(verdictOf(new ApiError(403, undefined))).toMatchObject({ kind: 'refused', status: 403 });
    expect(
      verdictOf(new ApiError(409, { error: { code: 'ALREADY_EXISTS', message: 'taken' } })),
    ).toMatchObject({ kind: 'refused', code: 'ALREADY_EXISTS' });
    expect(verdictOf(new ApiError(429, undefined))).toMatchObject({ kind: 'retry' });
    expect(verdictOf(new DOMException('timeout', 'AbortError'))).toMatchObject({
      kind: 'retry',
      offline: true,
    });
  });

  it('treats an answer that is not the API’s (a captive portal’s page) as no answer', async () => {
    const { store } = await setUp();
    const outbox = new Outbox({
      store,
      channel: null,
      transport: {
        uploadPhoto: () => Promise.resolve(undefined),
        submit: () => Promise.resolve('<html>登录 Wi-Fi</html>'),
      },
    });
    outboxes.push(outbox);
    await outbox.add(USER, COMMUNITY, DRAFT, []);
    expect(await outbox.send(USER)).toMatchObject({ sent: [], retrying: 1 });
    expect((await store.list())[0]).toMatchObject({ state: 'pending' });
  });

  it('gives up on a request that hangs (a weak signal) and keeps the entry for the next try', async () => {
    const { store } = await setUp();
    const hanging = (_c: string, _b: unknown, signal: AbortSignal) =>
      new Promise<unknown>((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const outbox = new Outbox({
      store,
      channel: null,
      timeoutMs: 20,
      transport: { uploadPhoto: (c, b, _k, signal) => hanging(c, b, signal), submit: hanging },
    });
    outboxes.push(outbox);
    await outbox.add(USER, COMMUNITY, DRAFT, []);
    expect(await outbox.send(USER)).toMatchObject({ sent: [], retrying: 1 });
    expect((await store.list())[0]).toMatchObject({
      state: 'pending',
      lastError: '网络太慢，没有发送成功，稍后会自动重试。',
    });
  });

  it('sends only the signed-in user’s entries', async () => {
    const { api, outbox } = await setUp();
    await outbox.add('someone-else', COMMUNITY, DRAFT, []);
    const mine = await outbox.add(USER, COMMUNITY, DRAFT, []);
    expect((await outbox.send(USER)).sent.map((s) => s.id)).toEqual([mine.id]);
    expect(api.submits).toHaveLength(1);
    expect(await outbox.entries('someone-else')).toHaveLength(1);
  });

  it('halts a send in flight at sign-out: the entry left as it was, nothing sent after', async () => {
    const { api, outbox } = await setUp();
    const first = await outbox.add(USER, COMMUNITY, DRAFT, []);
    const second = await outbox.add(USER, COMMUNITY, { ...DRAFT, content: '第二条' }, []);
    api.gate = new Promise<void>(() => undefined); // never answers: only the halt ends it
    const sending = outbox.send(USER);
    await until(() => api.submits.length === 1);
    await outbox.halt();
    expect(await sending).toMatchObject({ sent: [], refused: 0, retrying: 0 });
    // Aborted, not failed: no attempt counted, no reason shown; the second never tried.
    expect(await outbox.entries(USER)).toEqual([
      expect.objectContaining({ id: first.id, state: 'pending', attempts: 0, lastError: null }),
      expect.objectContaining({ id: second.id, state: 'pending', attempts: 0 }),
    ]);
    expect(api.submits.map((b) => b.id)).toEqual([first.id]);
    expect(outbox.isSending(first.id)).toBe(false);

    // Another user signs in on the phone: their send neither lists nor sends the first user's.
    api.gate = null;
    expect(await outbox.entries('user-li')).toEqual([]);
    expect(await outbox.send('user-li')).toMatchObject({ sent: [], retrying: 0 });
    expect(api.submits).toHaveLength(1);
    // Their writer signs in again: both go, the first under its id (recorded once).
    const report = await outbox.send(USER);
    expect(report.sent.map((s) => s.id)).toEqual([first.id, second.id]);
    expect(api.ledger.size).toBe(2);
  });

  it('shows the 已发送 notes of a tab only to the user whose entries went', async () => {
    const { outbox } = await setUp();
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, []);
    await sendFor(outbox, USER);
    expect(sentNotes(USER)).toEqual([
      expect.objectContaining({ id: entry.id, text: '金泰和庄 10号楼1单元101 · 李奶奶' }),
    ]);
    expect(sentNotes('user-li')).toEqual([]);
  });

  it('stops one user’s send before it starts another user’s', async () => {
    const { api, outbox } = await setUp();
    const wang = await outbox.add(USER, COMMUNITY, DRAFT, []);
    await outbox.add(USER, COMMUNITY, { ...DRAFT, content: '第二条' }, []);
    const li = await outbox.add('user-li', COMMUNITY, { ...DRAFT, content: '李的登记' }, []);
    let release = () => undefined as void;
    api.gate = new Promise<void>((resolve) => (release = resolve));
    const wangSending = outbox.send(USER);
    await until(() => api.submits.length === 1);
    api.gate = null;
    const liSending = outbox.send('user-li');
    expect((await liSending).sent.map((s) => s.id)).toEqual([li.id]);
    expect((await wangSending).sent).toEqual([]);
    release();
    // Wang's first request was aborted in flight, and no other of Wang's went out.
    expect(api.submits.map((b) => b.id)).toEqual([wang.id, li.id]);
    expect(await outbox.entries(USER)).toHaveLength(2);
  });

  it('lets one tab send at a time: two tabs sending at once record each entry with one request', async () => {
    const api = new FakeApi();
    const name = `outbox-test-${++dbCount}`;
    const locks = tabLocks(); // navigator.locks is one per origin, shared by the tabs
    const tabs = await Promise.all(
      [0, 1].map(async () => {
        const store = await OutboxStore.open(name);
        stores.push(store);
        const outbox = new Outbox({ store, transport: api, locks, channel: null, now: clock });
        outboxes.push(outbox);
        return outbox;
      }),
    );
    const a = await tabs[0]!.add(USER, COMMUNITY, DRAFT, []);
    const b = await tabs[1]!.add(USER, COMMUNITY, { ...DRAFT, content: '第二条' }, []);
    let release = () => undefined as void;
    api.gate = new Promise<void>((resolve) => (release = resolve));

    const first = tabs[0]!.send(USER);
    await until(() => api.submits.length === 1);
    const second = await tabs[1]!.send(USER);
    expect(second).toMatchObject({ busy: true, sent: [] });
    release();
    const report = await first;

    expect(report.sent.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(api.submits.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(await tabs[1]!.entries(USER)).toEqual([]);
  });

  it('waits for a send in flight before deleting, and says when the entry went out meanwhile', async () => {
    const { api, outbox } = await setUp();
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, []);
    let release = () => undefined as void;
    api.gate = new Promise<void>((resolve) => (release = resolve));
    const sending = outbox.send(USER);
    await until(() => api.submits.length === 1);
    expect(outbox.isSending(entry.id)).toBe(true);
    const removing = outbox.remove(entry.id);
    release();
    expect(await removing).toBe(false);
    expect((await sending).sent).toHaveLength(1);
    expect(api.ledger.size).toBe(1);

    // Offline, a pending entry is deleted at once and never sent.
    api.gate = null;
    const later = await outbox.add(USER, COMMUNITY, DRAFT, []);
    expect(await outbox.remove(later.id)).toBe(true);
    await outbox.send(USER);
    expect(api.ledger.has(later.id)).toBe(false);
  });

  it('holds the same Web Lock name for sending and for changes', async () => {
    const names: string[] = [];
    const inner = tabLocks();
    const { outbox } = await setUp();
    const spied = new Outbox({
      store: stores[0]!,
      transport: new FakeApi(),
      channel: null,
      locks: {
        request: (name, options, callback) => {
          names.push(name);
          return inner.request(name, options, callback);
        },
      },
    });
    outboxes.push(spied);
    const entry = await outbox.add(USER, COMMUNITY, DRAFT, []);
    await spied.send(USER);
    await spied.remove(entry.id);
    expect(new Set(names)).toEqual(new Set([LOCK]));
  });
});

async function until(condition: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
