import { ValidationError } from '@yishi/domain';
import { validateGridRobot } from './grid-robots';

/* A grid robot's URL and secret: only the two services' robot endpoints, as they give them. */
describe('validateGridRobot', () => {
  const WECOM =
    'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b3c-4bc4-97a0-0ec2a1fa5aaa';
  const DING = 'https://oapi.dingtalk.com/robot/send?access_token=0d1e2a3d4b5e6e7f8a9b0c1d2e3f4a5b';
  const SEC = 'SEC0d1e2a3d4b5e6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2';

  const problem = (input: Parameters<typeof validateGridRobot>[0]) => {
    try {
      validateGridRobot(input);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      expect(e.message).toMatch(/\p{Script=Han}/u);
      return (e.details as { fields: { field: string; problems: string[] }[] }).fields[0];
    }
    throw new Error('accepted');
  };

  it('accepts a WeCom robot and a DingTalk robot, signed or not', () => {
    expect(validateGridRobot({ kind: 'wecom', webhookUrl: WECOM })).toEqual({
      kind: 'wecom',
      webhookUrl: WECOM,
      secret: null,
    });
    expect(validateGridRobot({ kind: 'dingtalk', webhookUrl: DING, secret: SEC })).toEqual({
      kind: 'dingtalk',
      webhookUrl: DING,
      secret: SEC,
    });
    expect(validateGridRobot({ kind: 'dingtalk', webhookUrl: DING }).secret).toBeNull();
  });

  it('refuses anything but the kind’s own https endpoint with its key', () => {
    expect(problem({ kind: 'wecom', webhookUrl: WECOM.replace('https:', 'http:') })).toEqual({
      field: 'webhookUrl',
      problems: ['must be https://'],
    });
    expect(problem({ kind: 'dingtalk', webhookUrl: WECOM })?.problems).toEqual([
      'host must be oapi.dingtalk.com',
    ]);
    expect(
      problem({ kind: 'wecom', webhookUrl: WECOM.replace('qq.com', 'qq.com.evil.cn') })?.problems,
    ).toEqual(['host must be qyapi.weixin.qq.com']);
    expect(
      problem({ kind: 'wecom', webhookUrl: WECOM.replace('qq.com', 'qq.com:8443') })?.problems,
    ).toEqual(['host must be qyapi.weixin.qq.com']);
    expect(
      problem({ kind: 'wecom', webhookUrl: WECOM.replace('/send', '/upload_media') })?.problems,
    ).toEqual(['path must be /cgi-bin/webhook/send']);
    expect(problem({ kind: 'wecom', webhookUrl: `${WECOM}&debug=1` })?.problems).toEqual([
      'the only query parameter must be key',
    ]);
    expect(
      problem({ kind: 'dingtalk', webhookUrl: 'https://oapi.dingtalk.com/robot/send' })?.problems,
    ).toEqual(['the only query parameter must be access_token']);
    expect(
      problem({
        kind: 'wecom',
        webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a b',
      })?.problems,
    ).toEqual(['key must be 8 to 128 letters, digits, - or _']);
    expect(
      problem({ kind: 'wecom', webhookUrl: WECOM.replace('https://', 'https://u:p@') })?.problems,
    ).toEqual(['must not contain credentials']);
    expect(problem({ kind: 'wecom', webhookUrl: `${WECOM}#x` })?.problems).toEqual([
      'must not contain a fragment',
    ]);
    expect(problem({ kind: 'wecom', webhookUrl: 'qyapi.weixin.qq.com' })?.problems).toEqual([
      'not an absolute URL',
    ]);
  });

  it('takes plain http to a loopback stand-in only, on the same path, as webhooks do', () => {
    const local = 'http://127.0.0.1:8088/robot/send?access_token=local-robot-1';
    expect(validateGridRobot({ kind: 'dingtalk', webhookUrl: local }).webhookUrl).toBe(local);
    expect(
      problem({ kind: 'dingtalk', webhookUrl: 'http://10.0.0.5/robot/send?access_token=abcdefgh' })
        ?.problems,
    ).toEqual(['must be https://']);
    expect(
      problem({ kind: 'dingtalk', webhookUrl: 'http://localhost:8088/admin?access_token=abcdefgh' })
        ?.problems,
    ).toEqual(['path must be /robot/send']);
  });

  it('takes a secret only for DingTalk, and only SEC…', () => {
    expect(problem({ kind: 'wecom', webhookUrl: WECOM, secret: SEC })).toEqual({
      field: 'secret',
      problems: ['WeCom robots have no secret'],
    });
    expect(problem({ kind: 'dingtalk', webhookUrl: DING, secret: 'abc123abc123' })).toEqual({
      field: 'secret',
      problems: ['must start with SEC followed by letters and digits'],
    });
  });
});
