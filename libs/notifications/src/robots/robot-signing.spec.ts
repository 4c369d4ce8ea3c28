import { dingTalkSignature, signedDingTalkUrl } from './robot-signing';

/*
 * DingTalk's 加签 against vectors computed outside this code, with openssl:
 *   printf '%s\n%s' "$TIMESTAMP" "$SECRET" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
 * The first is also the published test vector of the `dingding` Rust crate (timestamp
 * 1700000000000, secret "secret").
 */
describe('DingTalk robot signing', () => {
  const SECRET = 'SEC0d1e2a3d4b5e6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2';
  const AT = 1_796_606_720_000; // 2026-12-07 09:25:20 CST

  it('is base64(HMAC-SHA256(secret, timestamp + "\\n" + secret))', () => {
    expect(dingTalkSignature('secret', 1_700_000_000_000)).toBe(
      'OuzzJR5+xZ4/EYwqtNt6sMYZQMTa/HEGvc9miJe7XzY=',
    );
    expect(dingTalkSignature(SECRET, AT)).toBe('VpfzxXJeEfgIUTXh7XW1I7HpIIokGe7Gi1XKGTVx1i8=');
  });

  it('adds timestamp and the URL-encoded sign to the robot URL, keeping its access_token', () => {
    const url = signedDingTalkUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789',
      'secret',
      1_700_000_000_000,
    );
    expect(url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789&timestamp=1700000000000&sign=OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D',
    );
    expect(new URL(url).searchParams.get('sign')).toBe(
      dingTalkSignature('secret', 1_700_000_000_000),
    );
  });

  it('refuses a timestamp that is not whole milliseconds', () => {
    expect(() => dingTalkSignature(SECRET, 1.5)).toThrow('milliseconds');
    expect(() => dingTalkSignature(SECRET, -1)).toThrow('milliseconds');
  });
});
