import {
  IdempotencyKeys,
  idempotencyKeyFor,
  requestText,
  stableInstant,
} from '../src/api/idempotency';

/*
 * A form holds one Idempotency-Key; the client sends it with the form's request and its retries,
 * and a new key once the form's body changed (corrected after an error). Without that the
 * corrected form met 422 IDEMPOTENCY_KEY_REUSED and the user was told to reload (issue 19).
 */
describe('web app: the Idempotency-Key a form sends', () => {
  it('keeps the key for a retry, gives a changed request a new one, and an old body its old one', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `fresh-${++n}`);
    const wrong = requestText('POST', '/cases/c1/demands', { content: '' });
    const right = requestText('POST', '/cases/c1/demands', { content: '电梯异响' });
    expect(keys.keyFor('form-a', wrong)).toBe('form-a');
    expect(keys.keyFor('form-a', wrong)).toBe('form-a');
    expect(keys.keyFor('form-a', right)).toBe('fresh-1');
    expect(keys.keyFor('form-a', right)).toBe('fresh-1');
    expect(keys.keyFor('form-a', wrong)).toBe('form-a');
    // Another path (the same form on another case) is another request.
    expect(keys.keyFor('form-a', requestText('POST', '/cases/c2/demands', { content: '' }))).toBe(
      'fresh-2',
    );
    // Another form starts with its own key.
    expect(keys.keyFor('form-b', right)).toBe('form-b');
  });

  it('tells file bodies apart by the file, not by its name', () => {
    const a = new Blob(['a'], { type: 'image/png' });
    const b = new Blob(['b'], { type: 'image/png' });
    expect(requestText('POST', '/x', undefined, a)).toBe(requestText('POST', '/x', undefined, a));
    expect(requestText('POST', '/x', undefined, a)).not.toBe(
      requestText('POST', '/x', undefined, b),
    );
  });

  it('forgets the oldest forms beyond its capacity', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `fresh-${++n}`, 2);
    keys.keyFor('f1', 'r1');
    keys.keyFor('f1', 'r2');
    keys.keyFor('f2', 'r1');
    keys.keyFor('f3', 'r1');
    // f1 was forgotten: its next request is its first again.
    expect(keys.keyFor('f1', 'r2')).toBe('f1');
    expect(keys.keyFor('f3', 'r2')).toBe('fresh-2');
  });

  it('api() sends a corrected form under a new key and its retry under the same one', () => {
    // A server keeping the contract's rule for a key it answered with 201 (a 400 binds nothing).
    const bound = new Map<string, string>();
    const server = (key: string, content: string): number => {
      const body = JSON.stringify({ content, source: 'online' });
      if (bound.has(key) && bound.get(key) !== body) return 422;
      if (content === '') return 400;
      bound.set(key, body);
      return 201;
    };
    const formKey = 'form-key-1';
    const send = (content: string) => {
      const key = idempotencyKeyFor(formKey, 'POST', '/cases/c1/demands', {
        content,
        source: 'online',
      });
      return { key, status: server(key, content) };
    };
    const first = send('');
    const corrected = send('电梯异响');
    const retry = send('电梯异响');
    expect(first).toEqual({ key: formKey, status: 400 });
    expect(corrected.status).toBe(201);
    expect(corrected.key).not.toBe(formKey);
    expect(retry).toEqual(corrected);
    // Changed again after its success: a new request, not 422.
    const another = send('另一条');
    expect(another.status).toBe(201);
    expect(new Set([first.key, corrected.key, another.key]).size).toBe(3);
  });

  it('keeps a time in a form body the same for its retries, so the retry keeps its key', () => {
    let t = 0;
    const closesAt = (days: string) => stableInstant('form-r', days, () => `t${++t}+${days}d`);
    expect(closesAt('7')).toBe('t1+7d');
    expect(closesAt('7')).toBe('t1+7d');
    expect(closesAt('3')).toBe('t2+3d');
    expect(stableInstant('form-s', '7', () => 'other form')).toBe('other form');
  });
});
