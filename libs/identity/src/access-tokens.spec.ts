import { AccessTokens } from './access-tokens';
import * as signatures from './tokens';

const USER = { id: '6f1c1a52-8a8e-4d1e-9b57-6c8e2f0b9a11', username: 'li', displayName: '李' };
const T0 = Date.UTC(2026, 11, 7, 1, 0, 0);

describe('AccessTokens: a verified token is remembered until it expires', () => {
  const tokens = new AccessTokens(Buffer.from('access-tokens-spec-secret-0123456789-abcdef'), 600);

  it('accepts a token again while it is valid, and refuses it at its expiry though remembered', async () => {
    const { accessToken } = await tokens.issue(USER, 3, T0);
    expect(await tokens.verify(accessToken, T0 + 1_000)).toMatchObject({ sub: USER.id, ver: 3 });
    expect(await tokens.verify(accessToken, T0 + 599_000)).toMatchObject({ sub: USER.id });
    expect(await tokens.verify(accessToken, T0 + 600_000)).toBeUndefined();
    expect(await tokens.verify(accessToken, T0 + 601_000)).toBeUndefined();
  });

  it('checks a signature once per token, not once per request', async () => {
    const { accessToken } = await tokens.issue(USER, 0, T0);
    const check = jest.spyOn(signatures, 'verifyToken');
    try {
      for (let i = 0; i < 5; i++) expect(await tokens.verify(accessToken, T0 + i)).toBeDefined();
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
  });

  it('never remembers a token that failed: a forged signature is refused every time', async () => {
    const { accessToken } = await tokens.issue(USER, 0, T0);
    const forged = `${accessToken.slice(0, -4)}${accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect(await tokens.verify(accessToken, T0)).toBeDefined();
    expect(await tokens.verify(forged, T0)).toBeUndefined();
    expect(await tokens.verify(forged, T0)).toBeUndefined();
  });

  it('a token of another secret is refused even after the same user’s own token was remembered', async () => {
    const other = new AccessTokens(Buffer.from('another-secret-entirely-0123456789-abcdef'), 600);
    const mine = await tokens.issue(USER, 0, T0);
    const theirs = await other.issue(USER, 0, T0);
    expect(await tokens.verify(mine.accessToken, T0)).toBeDefined();
    expect(await tokens.verify(theirs.accessToken, T0)).toBeUndefined();
  });
});
