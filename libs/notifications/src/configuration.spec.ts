import { loadConfig } from '@yishi/config';
import { NOTIFICATION_KINDS } from '@yishi/messaging';
import { parseSmsTemplateCodes } from './sms/delivery';
import { createSmsChannel } from './sms/factory';
import { AliyunSmsSender } from './sms/aliyun';
import { validateWebhookUrl } from './webhooks/subscriptions';

describe('channel configuration', () => {
  it('webhook URLs: https anywhere, plain http only to loopback, no credentials', () => {
    expect(validateWebhookUrl('https://hooks.example.cn/yishi')).toBe(
      'https://hooks.example.cn/yishi',
    );
    expect(validateWebhookUrl('http://127.0.0.1:8080/hook')).toBe('http://127.0.0.1:8080/hook');
    expect(validateWebhookUrl('http://localhost/hook')).toBe('http://localhost/hook');
    expect(validateWebhookUrl('http://[::1]:9/')).toBe('http://[::1]:9/');
    for (const bad of [
      'http://hooks.example.cn/yishi',
      'ftp://hooks.example.cn/',
      'not a url',
      '/relative',
      'https://user:pass@hooks.example.cn/',
      'https://hooks.example.cn/#frag',
      `https://hooks.example.cn/${'a'.repeat(2100)}`,
    ])
      expect(() => validateWebhookUrl(bad)).toThrow('回调地址不可用');
  });

  it('SMS template codes: kind=code pairs of known kinds', () => {
    expect(parseSmsTemplateCodes(undefined, NOTIFICATION_KINDS)).toEqual({});
    expect(
      parseSmsTemplateCodes(' stage-entered=SMS_1 , escalated=SMS_2', NOTIFICATION_KINDS),
    ).toEqual({ 'stage-entered': 'SMS_1', escalated: 'SMS_2' });
    expect(() => parseSmsTemplateCodes('stage-left=SMS_1', NOTIFICATION_KINDS)).toThrow(
      'unknown notification kind stage-left',
    );
    expect(() => parseSmsTemplateCodes('stage-entered', NOTIFICATION_KINDS)).toThrow(
      'kind=TemplateCode',
    );
  });

  it('SMS_PROVIDER none (the default) gives no sender; aliyun needs its credentials', () => {
    expect(createSmsChannel(loadConfig({}, '/tmp')).sender).toBeUndefined();
    const aliyun = loadConfig(
      {
        SMS_PROVIDER: 'aliyun',
        SMS_ACCESS_KEY_ID: 'LTAI-test',
        SMS_ACCESS_KEY_SECRET: 'secret-value',
        SMS_SIGN_NAME: '议事平台',
        SMS_TEMPLATE_CODES: 'stage-entered=SMS_1',
      },
      '/tmp',
    );
    const channel = createSmsChannel(aliyun);
    expect(channel.sender).toBeInstanceOf(AliyunSmsSender);
    expect(channel.templateCodes).toEqual({ 'stage-entered': 'SMS_1' });
    expect(() => loadConfig({ SMS_PROVIDER: 'aliyun' }, '/tmp')).toThrow(
      /SMS_ACCESS_KEY_ID[\s\S]*SMS_ACCESS_KEY_SECRET[\s\S]*SMS_SIGN_NAME/,
    );
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' }, '/tmp')).toThrow('SMS_PROVIDER');
    expect(() => loadConfig({ SMS_TEMPLATE_CODES: 'x' }, '/tmp')).toThrow('SMS_TEMPLATE_CODES');
  });
});
