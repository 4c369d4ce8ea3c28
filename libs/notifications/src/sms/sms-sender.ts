/** One text message from a provider-registered template (providers send approved templates only). */
export interface SmsMessage {
  readonly phone: string;
  readonly templateCode: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface SmsReceipt {
  /** The provider's id for the message (Aliyun: BizId), for support requests. */
  readonly providerId: string | null;
}

/** The SMS gateway boundary: one implementation per provider. */
export interface SmsSender {
  send(message: SmsMessage): Promise<SmsReceipt>;
}

/**
 * A send that did not happen. `retryable`: a later attempt may succeed (throttling, the provider's
 * own errors, the network); otherwise retrying would only repeat it (a bad number or template, a
 * rejected account) and the delivery is dead at once.
 */
export class SmsSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}
