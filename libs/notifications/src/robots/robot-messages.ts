import { formatChineseTime } from '@yishi/domain';
import { type DemandRobotFacts, type GridRobotMessageKind } from '@yishi/messaging';
import { type GridRobotKind } from '@yishi/registry';

/**
 * Pure: the markdown a grid's group-chat robot posts for the demands ledger, and the request body
 * each kind of robot takes. No I/O, no clock; times in China Standard Time, in Chinese.
 *
 * Everything the ledger's users wrote (content, place, category, number) is escaped by replacing
 * markdown's characters with their full-width forms (＊ ＿ ［ ］ ＃ ＞ ＜ ｀ …) rather than with
 * backslashes: WeCom's and DingTalk's renderers do not document backslash escapes, while a
 * full-width character is plain text everywhere and reads the same in Chinese. Line breaks become
 * spaces, so nothing written can start a heading, a list or a quote.
 */

/** The content shown in a message, in characters (WeCom allows 4096 bytes of markdown). */
export const ROBOT_EXCERPT_CHARS = 120;

export interface RobotMarkdown {
  /** DingTalk's `title`: what the chat list shows. */
  readonly title: string;
  readonly markdown: string;
}

const FULL_WIDTH: Readonly<Record<string, string>> = {
  '\\': '＼',
  '*': '＊',
  _: '＿',
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '#': '＃',
  '>': '＞',
  '<': '＜',
  '`': '｀',
  '|': '｜',
  '~': '～',
  '!': '！',
  '&': '＆',
};

/** User text as plain markdown text on one line: markdown's characters full-width, no breaks. */
export function escapeRobotText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\\*_[\]()#><`|~!&]/g, (c) => FULL_WIDTH[c] ?? c);
}

/** At most `chars` characters (code points, so no emoji is cut in half), … when cut. */
export function excerpt(text: string, chars = ROBOT_EXCERPT_CHARS): string {
  const points = [...text.normalize('NFC').replace(/\s+/gu, ' ').trim()];
  return points.length <= chars ? points.join('') : `${points.slice(0, chars).join('')}…`;
}

/** A link the robot can show: http(s) only, its parentheses and spaces percent-encoded. */
function safeLink(link: string | undefined): string | null {
  if (link === undefined) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.toString().replace(/\(/g, '%28').replace(/\)/g, '%29');
}

interface Heading {
  readonly tag: string;
  readonly dueLabel: string | null;
  readonly tail: string;
}

const HEADINGS: Readonly<Record<GridRobotMessageKind, Heading>> = {
  'demand-received': { tag: '新诉求', dueLabel: '办理时限', tail: '请网格员及时签收办理。' },
  'demand-overdue': { tag: '诉求超时', dueLabel: '已超过时限', tail: '请尽快办理并反馈。' },
  'demand-closed': { tag: '诉求办结', dueLabel: null, tail: '已办结销号，感谢各位。' },
};

/** The three messages of the ledger: a new demand, an overdue one, a closed one. */
export function renderRobotMessage(kind: GridRobotMessageKind, d: DemandRobotFacts): RobotMarkdown {
  const heading = HEADINGS[kind];
  const number = escapeRobotText(d.number);
  const lines = [
    `### 【${heading.tag}】${number}`,
    `**类别**：${escapeRobotText(d.categoryLabel)}`,
    `**地点**：${escapeRobotText(d.place) || '未注明'}`,
    `**状态**：${escapeRobotText(d.statusLabel)}`,
  ];
  if (heading.dueLabel !== null && d.dueAt !== undefined)
    lines.push(`**${heading.dueLabel}**：${formatChineseTime(d.dueAt)}`);
  lines.push(`**内容**：${escapeRobotText(excerpt(d.content))}`);
  const link = safeLink(d.link);
  if (link !== null) lines.push(`[查看详情](${link})`);
  lines.push(heading.tail);
  // A blank line between lines: both renderers then break there (DingTalk ignores a single \n).
  return { title: `${heading.tag} ${number}`, markdown: lines.join('\n\n') };
}

/** The test message of `POST /grids/:gridId/robot/test`. */
export function renderRobotTest(gridName: string, at: string): RobotMarkdown {
  return {
    title: '群机器人测试',
    markdown: [
      '### 【测试】议事平台群机器人',
      `网格“${escapeRobotText(gridName)}”的群机器人已接通，${formatChineseTime(at)}。`,
      '今后本网格的新诉求、超时提醒和办结消息会发到本群。',
    ].join('\n\n'),
  };
}

/** The request body: WeCom `{msgtype, markdown: {content}}`, DingTalk `{msgtype, markdown: {title, text}}`. */
export function robotBody(kind: GridRobotKind, message: RobotMarkdown): Record<string, unknown> {
  switch (kind) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: message.markdown } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } };
  }
}
