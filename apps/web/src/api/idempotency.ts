/**
 * The Idempotency-Key a request is sent with. A form holds one key (`newIdempotencyKey()` in its
 * state) for as long as it is on screen; this turns it into the key on the wire: the same one for a
 * retry of the same request (a lost answer: the server replays it, nothing is written twice), a new
 * one when the request differs from the one the form's key was first sent with (the corrected
 * form: a new request, which the server would refuse under the old key as
 * IDEMPOTENCY_KEY_REUSED). Going back to an earlier body goes back to its key.
 */
export class IdempotencyKeys {
  /** Form key → request (method, path, body) → the key it was sent with. Oldest forms first. */
  private readonly sent = new Map<string, Map<string, string>>();

  constructor(
    private readonly fresh: () => string,
    /** How many forms are remembered; an older one's next request gets a new key. */
    private readonly capacity = 100,
  ) {}

  /** The key to send `request` (a stable text of method, path and body) under the form's key. */
  keyFor(formKey: string, request: string): string {
    let requests = this.sent.get(formKey);
    if (requests === undefined) {
      requests = new Map();
      this.sent.set(formKey, requests);
      if (this.sent.size > this.capacity) {
        const oldest = this.sent.keys().next().value;
        if (oldest !== undefined) this.sent.delete(oldest);
      }
    }
    let key = requests.get(request);
    if (key === undefined) {
      // The form's first request uses the form's key itself; each different one a new key.
      key = requests.size === 0 ? formKey : this.fresh();
      requests.set(request, key);
    }
    return key;
  }
}

const blobIds = new WeakMap<Blob, number>();
let nextBlobId = 1;

/**
 * A stable text of a request for `keyFor`: the same method, path and JSON body (keys in the order
 * the form builds them) give the same text; a file body is the same only as the same file object.
 */
export function requestText(method: string, path: string, body: unknown, raw?: Blob): string {
  if (raw !== undefined) {
    let id = blobIds.get(raw);
    if (id === undefined) {
      id = nextBlobId++;
      blobIds.set(raw, id);
    }
    return `${method} ${path}\nfile:${id}`;
  }
  return `${method} ${path}\n${body === undefined ? '' : JSON.stringify(body)}`;
}

/** The key to send with `api()`: `formKey` as the form holds it, turned into the wire's key. */
export function idempotencyKeyFor(
  formKey: string,
  method: string,
  path: string,
  body: unknown,
  raw?: Blob,
): string {
  return sentKeys.keyFor(formKey, requestText(method, path, body, raw));
}

/** A fresh key for one form or user action (kept across its retries; see idempotencyKeyFor). */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

const sentKeys = new IdempotencyKeys(newIdempotencyKey);

/** Instants computed for a form's body, by form key and the inputs they depend on. */
const instants = new Map<string, string>();

/**
 * A time in a form's body (a meeting held "now", a vote closing in 7 days) that stays the same for
 * the same form and inputs: else each retry of the form would be a different body, so a new key
 * (`keyFor`), and a retry after a lost answer could write a second meeting or resolution.
 */
export function stableInstant(formKey: string, inputs: string, compute: () => string): string {
  const slot = `${formKey}\n${inputs}`;
  let at = instants.get(slot);
  if (at === undefined) {
    at = compute();
    instants.set(slot, at);
    if (instants.size > 100) instants.delete(instants.keys().next().value as string);
  }
  return at;
}
