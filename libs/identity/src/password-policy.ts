import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** At least 10^6 guesses (zxcvbn score 2): no password of the common lists, no keyboard walk. */
const MIN_SCORE = 2;
export const PASSWORD_MIN_LENGTH = 8;

// The common-password and common-word lists, keyboard layouts; built once (the lists are large).
let factory: ZxcvbnFactory | undefined;
const strength = () => (factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

const folded = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

/**
 * Why a new password is refused, in words for the person choosing it; undefined when it will do.
 * Refused: under 8 characters; the username or the display name inside it (any case, full-width
 * or not); a password zxcvbn finds among the common ones, or guesses within 10^6 tries (12345678,
 * password1, qwertyui, a name and a year), the account's names counted as known words.
 */
export function passwordProblem(
  password: string,
  account: { readonly username: string; readonly displayName?: string | undefined },
): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`;
  const names = [account.username, account.displayName ?? '']
    .map(folded)
    .filter((name) => [...name].length >= 2);
  if (names.some((name) => folded(password).includes(name)))
    return '密码不能包含用户名或姓名，请换一个别人猜不到的密码';
  if (strength().check(password, names).score < MIN_SCORE)
    return '密码太常见或太容易被猜到（如 12345678、password1），请用更长、更不规律的密码，例如几个不相关的词加数字';
  return undefined;
}
