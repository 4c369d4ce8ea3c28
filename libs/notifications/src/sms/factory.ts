import { type AppConfig } from '@yishi/config';
import { NOTIFICATION_KINDS } from '@yishi/messaging';
import { AliyunSmsSender } from './aliyun';
import { parseSmsTemplateCodes, type SmsChannel } from './delivery';

/** The SMS channel the configuration asks for; throws at start on a bad template list. */
export function createSmsChannel(
  config: Pick<
    AppConfig,
    | 'smsProvider'
    | 'smsEndpoint'
    | 'smsAccessKeyId'
    | 'smsAccessKeySecret'
    | 'smsSignName'
    | 'smsTemplateCodes'
  >,
): SmsChannel {
  const templateCodes = parseSmsTemplateCodes(config.smsTemplateCodes, NOTIFICATION_KINDS);
  switch (config.smsProvider) {
    case 'none':
      return { sender: undefined, templateCodes };
    case 'aliyun':
      if (
        config.smsAccessKeyId === undefined ||
        config.smsAccessKeySecret === undefined ||
        config.smsSignName === undefined
      )
        throw new Error('SMS_PROVIDER=aliyun needs SMS_ACCESS_KEY_ID, _SECRET and SMS_SIGN_NAME');
      return {
        sender: new AliyunSmsSender({
          ...(config.smsEndpoint === undefined ? {} : { endpoint: config.smsEndpoint }),
          accessKeyId: config.smsAccessKeyId,
          accessKeySecret: config.smsAccessKeySecret,
          signName: config.smsSignName,
        }),
        templateCodes,
      };
  }
}
