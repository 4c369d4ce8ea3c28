export { type Db } from './db';
export {
  addNotificationFlow,
  addUserSmsJob,
  buildNotificationFlow,
  DEFAULT_NOTIFICATION_FLOW_OPTIONS,
  notificationJobId,
  type NotificationFlowOptions,
} from './flow';
export {
  deliverToInbox,
  deliverPersonal,
  deliverToUsers,
  deliverToResidents,
  listInbox,
  markRead,
  type InboxPageOptions,
  type NotificationView,
} from './inbox';
export {
  channelWorkerSettings,
  createNotificationProcessor,
  DEFAULT_CHANNEL_BACKOFF,
  type NotificationJobItem,
  type NotificationProcessorDeps,
} from './processor';
export { assertNotificationRequest, isUuid, notificationRequestProblems } from './request';
export {
  classifyHttpStatus,
  FULL_JITTER,
  fullJitterDelay,
  type BackoffPolicy,
  type DeliveryOutcome,
} from './retry';
export {
  formatChineseDeadline,
  renderDemandConfirm,
  renderDemandNotice,
  renderMeetingNotice,
  renderWhistleNotice,
  renderNotification,
  renderVoteReminder,
  smsTemplateParams,
  type RenderedNotification,
} from './templates';
export {
  AliyunSmsSender,
  ALIYUN_SMS_ENDPOINT,
  canonicalizedQuery,
  isRetryableAliyunCode,
  percentEncode,
  rpcSignature,
  stringToSign,
  type AliyunSmsOptions,
} from './sms/aliyun';
export {
  deliverSms,
  parseSmsTemplateCodes,
  type SmsChannel,
  type SmsRecipients,
  type SmsDeliveryOptions,
  type SmsDeliveryResult,
} from './sms/delivery';
export { createSmsChannel } from './sms/factory';
export { SmsSendError, type SmsMessage, type SmsReceipt, type SmsSender } from './sms/sms-sender';
export {
  deliverWebhooks,
  listDeadLetters,
  postWebhook,
  webhookPayload,
  type DeadLetterView,
  type WebhookDeliveryOptions,
  type WebhookDeliveryResult,
} from './webhooks/delivery';
export {
  DEFAULT_TOLERANCE_SECONDS,
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhook,
  type VerifyResult,
} from './webhooks/signing';
export {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  MAX_WEBHOOKS_PER_COMMUNITY,
  validateWebhookUrl,
  type CreatedWebhookSubscription,
  type WebhookSubscriptionView,
} from './webhooks/subscriptions';
export { NotificationsModule } from './notifications.module';
export { NotificationDeliveryModule } from './deliver/notification-delivery.module';
export { NotificationFlows } from './deliver/notification-flows';
export {
  GRID_ROBOT_JOB_OPTIONS,
  gridRobotJobId,
  GridRobots,
  GridRobotsModule,
  type GridRobotMessage,
  type GridRobotPost,
} from './robots/grid-robots';
export {
  deliverGridRobot,
  postToRobot,
  RETRYABLE_ROBOT_ERRCODES,
  testGridRobot,
  type RobotAnswer,
  type RobotDeliveryOptions,
  type RobotDeliveryStatus,
  type RobotTestResult,
} from './robots/robot-delivery';
export {
  escapeRobotText,
  excerpt,
  renderRobotMessage,
  renderRobotTest,
  robotBody,
  ROBOT_EXCERPT_CHARS,
  type RobotMarkdown,
} from './robots/robot-messages';
export { dingTalkSignature, signedDingTalkUrl } from './robots/robot-signing';
