import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@yishi/domain';
import { type GridRobotJobData } from '@yishi/messaging';
import { gridRobotSetting, type GridRobotSetting } from '@yishi/registry';
import { type Db } from '../db';
import { classifyHttpStatus, type DeliveryOutcome } from '../retry';
import {
  renderRobotMessage,
  renderRobotTest,
  robotBody,
  type RobotMarkdown,
} from './robot-messages';
import { signedDingTalkUrl } from './robot-signing';

/**
 * Posting to a grid's group-chat robot (WeCom or DingTalk) and keeping its delivery rows. Both
 * answer HTTP 200 with `{errcode, errmsg}`: errcode 0 is delivered; the "busy" and rate-limit codes
 * are retried; any other code (a removed robot, a wrong key or signature, a refused message) is
 * dead at once, since repeating it would only repeat the answer.
 */

/**
 * Retried later: -1 system busy (both), 45009 WeCom's API frequency limit (a robot takes 20
 * messages a minute), 130101 DingTalk's "send too fast" (also 20 a minute).
 */
export const RETRYABLE_ROBOT_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 130101]);

/** What one post came to; never holds the robot's key or secret. */
export interface RobotAnswer {
  readonly outcome: DeliveryOutcome;
  /** The HTTP status; null when no answer came (timeout, network). */
  readonly status: number | null;
  readonly errcode: number | null;
  readonly errmsg: string | null;
  /** Why it was not delivered, for the row and the logs; null when delivered. */
  readonly error: string | null;
}

export interface RobotDeliveryOptions {
  /** One POST's time limit. */
  readonly timeoutMs: number;
  /** After this many attempts a message that still fails is dead-lettered. */
  readonly maxAttempts: number;
  /** The job's last attempt: whatever still fails now is dead-lettered. */
  readonly finalAttempt: boolean;
}

export type RobotDeliveryStatus = 'delivered' | 'dead' | 'pending' | 'no-robot';

const TEXT_MAX = 300;

/** The robot's key, the signature and the secret, wherever an error's text might repeat them. */
function redact(text: string, robot: GridRobotSetting): string {
  const url = new URL(robot.webhookUrl);
  const hidden = [...url.searchParams.values(), robot.secret]
    .filter((s): s is string => s !== null && s.length > 0)
    .flatMap((s) => [s, encodeURIComponent(s)]);
  let out = text;
  for (const s of hidden) out = out.split(s).join('***');
  return out.replace(/([?&](?:key|access_token|sign)=)[^&\s]+/g, '$1***');
}

/** The errcode and errmsg of a robot's answer, if it is one. */
function parseAnswer(text: string): { errcode: number; errmsg: string | null } | null {
  try {
    const body = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
    if (typeof body.errcode !== 'number' || !Number.isInteger(body.errcode)) return null;
    return {
      errcode: body.errcode,
      errmsg: typeof body.errmsg === 'string' ? body.errmsg.slice(0, TEXT_MAX) : null,
    };
  } catch {
    return null;
  }
}

/** One POST to the robot, signed when it is a DingTalk robot with a secret. Never throws. */
export async function postToRobot(
  robot: GridRobotSetting,
  message: RobotMarkdown,
  timeoutMs: number,
  nowMs: number = Date.now(),
): Promise<RobotAnswer> {
  const url =
    robot.kind === 'dingtalk' && robot.secret !== null
      ? signedDingTalkUrl(robot.webhookUrl, robot.secret, nowMs)
      : robot.webhookUrl;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Yishi-Robots/1',
      },
      body: JSON.stringify(robotBody(robot.kind, message)),
      // A redirect is not the robot's answer; following it would send the message elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text().catch(() => '');
    if (res.status < 200 || res.status >= 300) {
      const outcome = classifyHttpStatus(res.status);
      return {
        outcome,
        status: res.status,
        errcode: null,
        errmsg: null,
        error: redact(`HTTP ${res.status} ${text}`.slice(0, TEXT_MAX), robot),
      };
    }
    const answer = parseAnswer(text);
    if (answer === null)
      return {
        outcome: 'retry',
        status: res.status,
        errcode: null,
        errmsg: null,
        error: redact(`HTTP ${res.status} without an errcode: ${text}`.slice(0, TEXT_MAX), robot),
      };
    const outcome: DeliveryOutcome =
      answer.errcode === 0
        ? 'delivered'
        : RETRYABLE_ROBOT_ERRCODES.has(answer.errcode)
          ? 'retry'
          : 'dead';
    const errmsg = answer.errmsg === null ? null : redact(answer.errmsg, robot);
    return {
      outcome,
      status: res.status,
      errcode: answer.errcode,
      errmsg,
      error: outcome === 'delivered' ? null : `errcode ${answer.errcode} ${errmsg ?? ''}`.trim(),
    };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `timed out after ${timeoutMs} ms`
        : `${String(e.message ?? error)}${typeof e.cause?.code === 'string' ? ` (${e.cause.code})` : ''}`;
    return {
      outcome: 'retry',
      status: null,
      errcode: null,
      errmsg: null,
      error: redact(reason, robot).slice(0, TEXT_MAX),
    };
  }
}

interface Claimed {
  id: string;
  title: string;
  markdown: string;
  attempts: number;
}

/**
 * Delivers one message to a grid's robot. The message is a row (unique per grid, event and kind),
 * rendered once, so a retried job posts only what has not succeeded and a replayed one nothing; a
 * row is leased while being posted. The robot's URL and secret are read now, not from the job: a
 * robot replaced meanwhile gets the message, a robot removed drops it (`dead`, "robot removed").
 */
export async function deliverGridRobot(
  db: Db,
  job: GridRobotJobData,
  options: RobotDeliveryOptions,
): Promise<RobotDeliveryStatus> {
  const key = [job.gridId, job.sourceEventId, job.kind] as const;
  const robot = await gridRobotSetting(db, job.gridId);
  if (robot === null) {
    await db.query(
      `UPDATE grid_robot_deliveries
          SET status = 'dead', dead_at = now(), last_error = 'robot removed', locked_until = NULL
        WHERE grid_id = $1 AND source_event_id = $2 AND kind = $3 AND status = 'pending'`,
      [...key],
    );
    return 'no-robot';
  }
  const message = renderRobotMessage(job.kind, job.demand);
  await db.query(
    `INSERT INTO grid_robot_deliveries (id, grid_id, source_event_id, kind, title, markdown)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT ON CONSTRAINT grid_robot_deliveries_once DO NOTHING`,
    [randomUUID(), ...key, message.title, message.markdown],
  );
  const { rows: claimed } = await db.query<Claimed>(
    `UPDATE grid_robot_deliveries
        SET attempts = attempts + 1,
            locked_until = now() + make_interval(secs => $4::double precision / 1000)
      WHERE grid_id = $1 AND source_event_id = $2 AND kind = $3 AND status = 'pending'
        AND (locked_until IS NULL OR locked_until < now())
      RETURNING id, title, markdown, attempts`,
    [...key, options.timeoutMs + 30_000],
  );
  const row = claimed[0];
  if (row !== undefined) {
    const answer = await postToRobot(robot, row, options.timeoutMs);
    const giveUp = options.finalAttempt || row.attempts >= options.maxAttempts;
    const status =
      answer.outcome === 'delivered'
        ? 'delivered'
        : answer.outcome === 'dead' || giveUp
          ? 'dead'
          : 'pending';
    await db.query(
      `UPDATE grid_robot_deliveries
          SET status = $2, last_errcode = $3, last_error = $4, locked_until = NULL,
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
              dead_at = CASE WHEN $2 = 'dead' THEN now() END
        WHERE id = $1`,
      [row.id, status, answer.errcode, answer.error],
    );
  }
  const { rows } = await db.query<{ status: 'delivered' | 'dead' | 'pending' }>(
    `SELECT status FROM grid_robot_deliveries
      WHERE grid_id = $1 AND source_event_id = $2 AND kind = $3`,
    [...key],
  );
  return rows[0]?.status ?? 'pending';
}

/** What `POST /grids/:gridId/robot/test` answers: the robot's own words. */
export interface RobotTestResult extends RobotAnswer {
  readonly delivered: boolean;
}

/**
 * Posts the test message to a grid's robot at once (no queue, no retry) and answers what the robot
 * said; 404 when the grid has no robot. Nothing is recorded: a test is not a delivery.
 */
export async function testGridRobot(
  db: Db,
  gridId: string,
  timeoutMs: number,
  now: Date = new Date(),
): Promise<RobotTestResult> {
  const robot = await gridRobotSetting(db, gridId);
  if (robot === null) throw new NotFoundError('该网格没有设置群机器人', { gridId });
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM grids WHERE id = $1`, [
    gridId,
  ]);
  const answer = await postToRobot(
    robot,
    renderRobotTest(rows[0]?.name ?? '', now.toISOString()),
    timeoutMs,
    now.getTime(),
  );
  return { delivered: answer.outcome === 'delivered', ...answer };
}
