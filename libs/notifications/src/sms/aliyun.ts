import { createHmac, randomUUID } from 'node:crypto';
import { SmsSendError, type SmsMessage, type SmsReceipt, type SmsSender } from './sms-sender';

/**
 * Alibaba Cloud SMS (短信服务) `SendSms`, API version 2017-05-25, called RPC style with signature
 * version 1.0 (HMAC-SHA1) as Alibaba Cloud documents it:
 * 1. every parameter, common and operation, percent-encoded (UTF-8; only A-Z a-z 0-9 - _ . ~ kept;
 *    a space is %20, not +), sorted by name, joined as k=v&k=v: the canonicalized query string;
 * 2. StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalized query string);
 * 3. Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)), sent as one more parameter.
 * The parameters go in a form-encoded POST body rather than the URL, so phone numbers stay out of
 * proxies' and servers' access logs (the API accepts both; the signature covers the method).
 */
export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';
export const ALIYUN_SMS_VERSION = '2017-05-25';

/** RFC 3986 percent-encoding, as Alibaba Cloud's POP signature requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Sorted by name (code-unit order, which for these ASCII names is byte order). */
export function canonicalizedQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

export function stringToSign(method: 'GET' | 'POST', params: Readonly<Record<string, string>>) {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
}

export function rpcSignature(
  method: 'GET' | 'POST',
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(stringToSign(method, params), 'utf8')
    .digest('base64');
}

/** `2017-07-12T02:42:19Z`: ISO 8601 UTC without milliseconds, as the API wants it. */
export const aliyunTimestamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Codes worth retrying: the provider's own failures (`isp.*`), throttling, flow control per number
 * (isv.BUSINESS_LIMIT_CONTROL: too many messages to one phone per minute or hour), a reused nonce,
 * an exhausted balance (an operator can top up within the retry window). Every other code names a
 * problem with the request or the account that a retry would only repeat.
 */
const RETRYABLE_CODES = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'isv.AMOUNT_NOT_ENOUGH',
  'SignatureNonceUsed',
  'ServiceUnavailable',
  'InternalError',
]);

export function isRetryableAliyunCode(code: string): boolean {
  return RETRYABLE_CODES.has(code) || code.startsWith('isp.') || code.startsWith('Throttling');
}

export interface AliyunSmsOptions {
  readonly endpoint?: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly signName: string;
  readonly regionId?: string;
  readonly timeoutMs?: number;
}

interface AliyunAnswer {
  Code?: unknown;
  Message?: unknown;
  BizId?: unknown;
  RequestId?: unknown;
}

export class AliyunSmsSender implements SmsSender {
  private readonly endpoint: string;

  constructor(private readonly options: AliyunSmsOptions) {
    this.endpoint = options.endpoint ?? ALIYUN_SMS_ENDPOINT;
  }

  /** The signed form parameters of one SendSms call. */
  signedParams(
    message: SmsMessage,
    now = new Date(),
    nonce: string = randomUUID(),
  ): URLSearchParams {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: this.options.regionId ?? 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      Timestamp: aliyunTimestamp(now),
      Version: ALIYUN_SMS_VERSION,
      PhoneNumbers: message.phone,
      SignName: this.options.signName,
      TemplateCode: message.templateCode,
      TemplateParam: JSON.stringify(message.params),
    };
    const signature = rpcSignature('POST', params, this.options.accessKeySecret);
    return new URLSearchParams({ ...params, Signature: signature });
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    const form = this.signedParams(message);
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        // Encoded by the same rule as the signature (URLSearchParams would write a space as +).
        body: [...form.entries()]
          .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
          .join('&'),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const e = error as { name?: unknown; message?: unknown };
      throw new SmsSendError(
        'NETWORK',
        e.name === 'TimeoutError' ? 'the SMS provider did not answer in time' : String(e.message),
        true,
      );
    }
    const text = await res.text().catch(() => '');
    let answer: AliyunAnswer = {};
    try {
      answer = JSON.parse(text) as AliyunAnswer;
    } catch {
      // Not JSON (a proxy's error page): judged by the HTTP status below.
    }
    const code = typeof answer.Code === 'string' ? answer.Code : undefined;
    if (res.ok && code === 'OK')
      return { providerId: typeof answer.BizId === 'string' ? answer.BizId : null };
    if (code !== undefined)
      throw new SmsSendError(
        code,
        typeof answer.Message === 'string' ? answer.Message : code,
        isRetryableAliyunCode(code),
      );
    throw new SmsSendError(
      `HTTP_${res.status}`,
      `unexpected answer from the SMS provider: HTTP ${res.status}`,
      res.status >= 500 || res.status === 408 || res.status === 429,
    );
  }
}
