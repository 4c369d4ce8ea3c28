import { api } from '../src/api/client';
import { ApiError } from '../src/api/errors';
import { IdempotencyKeys, requestText } from '../src/api/idempotency';

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

  describe('api()', () => {
    const realFetch = global.fetch;
    afterEach(() => {
      global.fetch = realFetch;
    });

    it('sends a corrected form under a new key and its retry under the same one', async () => {
      // A server that keeps the contract's rule for keys it has answered with 201.
      const sent: { key: string | undefined; body: string }[] = [];
      const bound = new Map<string, string>();
      global.fetch = jest.fn((_url: unknown, init?: RequestInit) => {
        const key = (init?.headers as Record<string, string>)['Idempotency-Key'];
        const body = typeof init?.body === 'string' ? init.body : '';
        sent.push({ key, body });
        const json = (status: number, value: unknown) =>
          Promise.resolve(new Response(JSON.stringify(value), { status }));
        if (key !== undefined && bound.has(key) && bound.get(key) !== body)
          return json(422, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: '', details: {} } });
        if (body.includes('"content":""'))
          return json(400, { error: { code: 'VALIDATION_FAILED', message: '', details: {} } });
        if (key !== undefined) bound.set(key, body);
        return json(201, { id: 'd1' });
      }) as typeof fetch;

      const formKey = 'form-key-1';
      const send = (content: string) =>
        api('/cases/c1/demands', {
          method: 'POST',
          body: { content, source: 'online' },
          idempotencyKey: formKey,
        });
      await expect(send('')).rejects.toBeInstanceOf(ApiError);
      await expect(send('电梯异响')).resolves.toEqual({ id: 'd1' });
      await expect(send('电梯异响')).resolves.toEqual({ id: 'd1' });
      expect(sent[0]!.key).toBe(formKey);
      expect(sent[1]!.key).not.toBe(formKey);
      expect(sent[2]!.key).toBe(sent[1]!.key);
      // Having succeeded, the form's key stays with its body: a changed body would be new again.
      await expect(send('另一条')).resolves.toEqual({ id: 'd1' });
      expect(new Set(sent.map((s) => s.key)).size).toBe(3);
    });
  });
});
