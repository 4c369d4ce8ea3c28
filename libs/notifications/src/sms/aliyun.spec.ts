import { createHmac } from 'node:crypto';
import {
  AliyunSmsSender,
  aliyunTimestamp,
  canonicalizedQuery,
  isRetryableAliyunCode,
  percentEncode,
  rpcSignature,
  stringToSign,
} from './aliyun';

/** The worked example of Alibaba Cloud's SMS documentation ("签名机制"), secret `testSecret`. */
const DOC_PARAMS = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('Alibaba Cloud RPC signature (SendSms)', () => {
  it('percent-encodes as RFC 3986: space %20, * %2A, ~ kept, UTF-8', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode('*')).toBe('%2A');
    expect(percentEncode('~')).toBe('~');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('/:=&+')).toBe('%2F%3A%3D%26%2B');
    expect(percentEncode('议事')).toBe('%E8%AE%AE%E4%BA%8B');
    expect(percentEncode('A-z0_9.')).toBe('A-z0_9.');
  });

  it('reproduces the documented example: canonical query, string to sign and signature', () => {
    expect(canonicalizedQuery(DOC_PARAMS)).toBe(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001' +
        '&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8' +
        '&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466' +
        '&SignatureVersion=1.0&TemplateCode=SMS_71390007' +
        '&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z' +
        '&Version=2017-05-25',
    );
    expect(stringToSign('GET', DOC_PARAMS).startsWith('GET&%2F&AccessKeyId%3DtestId%26')).toBe(
      true,
    );
    expect(rpcSignature('GET', DOC_PARAMS, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('the method is part of what is signed', () => {
    expect(rpcSignature('POST', DOC_PARAMS, 'testSecret')).not.toBe(
      rpcSignature('GET', DOC_PARAMS, 'testSecret'),
    );
  });

  it('a sender signs its own parameters the same way (POST)', () => {
    const sender = new AliyunSmsSender({
      accessKeyId: 'testId',
      accessKeySecret: 'testSecret',
      signName: '议事平台',
    });
    const form = sender.signedParams(
      {
        phone: '13800000000',
        templateCode: 'SMS_1',
        params: { case: '下水道', stage: '分析研判' },
      },
      new Date('2026-03-05T10:00:00.123Z'),
      'nonce-1',
    );
    const params = Object.fromEntries(form.entries());
    const { Signature, ...signed } = params;
    expect(signed).toMatchObject({
      Action: 'SendSms',
      Format: 'JSON',
      Version: '2017-05-25',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'nonce-1',
      Timestamp: '2026-03-05T10:00:00Z',
      PhoneNumbers: '13800000000',
      SignName: '议事平台',
      TemplateCode: 'SMS_1',
      TemplateParam: '{"case":"下水道","stage":"分析研判"}',
    });
    const expected = createHmac('sha1', 'testSecret&')
      .update(`POST&%2F&${percentEncode(canonicalizedQuery(signed))}`)
      .digest('base64');
    expect(Signature).toBe(expected);
  });

  it('timestamps are UTC without milliseconds', () => {
    expect(aliyunTimestamp(new Date('2017-07-12T02:42:19.999Z'))).toBe('2017-07-12T02:42:19Z');
  });

  it('maps provider codes to retryable or permanent', () => {
    for (const code of [
      'isp.SYSTEM_ERROR',
      'isp.RAM_PERMISSION_DENY_UNKNOWN',
      'isv.BUSINESS_LIMIT_CONTROL',
      'isv.AMOUNT_NOT_ENOUGH',
      'Throttling.User',
      'SignatureNonceUsed',
      'ServiceUnavailable',
    ])
      expect([code, isRetryableAliyunCode(code)]).toEqual([code, true]);
    for (const code of [
      'isv.MOBILE_NUMBER_ILLEGAL',
      'isv.SMS_TEMPLATE_ILLEGAL',
      'isv.SMS_SIGNATURE_ILLEGAL',
      'isv.TEMPLATE_MISSING_PARAMETERS',
      'isv.INVALID_PARAMETERS',
      'isv.ACCOUNT_ABNORMAL',
      'isv.BLACK_KEY_CONTROL_LIMIT',
      'SignatureDoesNotMatch',
      'InvalidAccessKeyId.NotFound',
    ])
      expect([code, isRetryableAliyunCode(code)]).toEqual([code, false]);
  });
});
