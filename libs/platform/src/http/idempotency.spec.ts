import { ValidationError } from '@yishi/domain';
import { canonicalJson, idFromKey, parseIdempotencyKey, requestFingerprint } from './idempotency';

describe('Idempotency-Key helpers', () => {
  it('accepts 1 to 255 visible ASCII characters and refuses anything else with the header named', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('9f1c2b1e-0a7e-4c4b-9d55-0c9b1f3e2a10')).toBe(
      '9f1c2b1e-0a7e-4c4b-9d55-0c9b1f3e2a10',
    );
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
    for (const bad of ['', 'x'.repeat(256), 'has space', '键', 'tab\there', ['a', 'b']]) {
      let thrown: unknown;
      try {
        parseIdempotencyKey(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).details).toMatchObject({
        fields: [{ field: 'Idempotency-Key' }],
      });
    }
  });

  it('canonical JSON sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: '议' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":"议","z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('fingerprints method, path and body: key order does not matter, anything else does', () => {
    const key = Buffer.from('a server secret of at least 32 characters', 'utf8');
    const f = (method: string, path: string, body: unknown) =>
      requestFingerprint(key, method, path, body);
    const base = f('POST', '/api/v1/cases/1/demands', { content: '漏水', source: 'online' });
    expect(f('post', '/api/v1/cases/1/demands', { source: 'online', content: '漏水' })).toBe(base);
    expect(f('POST', '/api/v1/cases/2/demands', { content: '漏水', source: 'online' })).not.toBe(
      base,
    );
    expect(f('POST', '/api/v1/cases/1/demands', { content: '漏水 ', source: 'online' })).not.toBe(
      base,
    );
    expect(f('POST', '/x', 'a,b\n1,2\n')).not.toBe(f('POST', '/x', '"a,b\\n1,2\\n"'));
    // Keyed: without the server's secret, a stored fingerprint says nothing about the body.
    const body = { unitId: 'u', certificateNumber: '京(2024)朝阳区不动产权第0001234号' };
    expect(requestFingerprint(Buffer.from('another secret'), 'POST', '/x', body)).not.toBe(
      f('POST', '/x', body),
    );
  });

  it('derives a stable UUID per request id and purpose', () => {
    const id = idFromKey('7d3f0e0e-6f6c-4a39-9c6e-2d8f3c1b5a00', 'case');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idFromKey('7d3f0e0e-6f6c-4a39-9c6e-2d8f3c1b5a00', 'case')).toBe(id);
    expect(idFromKey('7d3f0e0e-6f6c-4a39-9c6e-2d8f3c1b5a00', 'demand')).not.toBe(id);
    expect(idFromKey('00000000-6f6c-4a39-9c6e-2d8f3c1b5a00', 'case')).not.toBe(id);
  });
});
