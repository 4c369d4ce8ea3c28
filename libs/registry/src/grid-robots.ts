import { type Pool, type QueryResult, type QueryResultRow } from 'pg';
import { NotFoundError, ValidationError } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { recordAudit } from './audit';
import { lockGrid, readGrid, type GridView } from './grids';

/*
 * A grid's group-chat robot (一网格一微信群): the webhook of a WeCom (企业微信) or DingTalk group
 * robot the grid's chat group uses, and a signed DingTalk robot's secret. The URL holds the robot's
 * key (`key=…`, `access_token=…`), so it is a secret as much as the `SEC…` one: both are kept in
 * clear to send with, as webhook secrets are, and neither is ever returned, logged or audited (the
 * grid shows the kind and the host). Delivery is libs/notifications (docs/notifications.md).
 */

export const GRID_ROBOT_KINDS = ['wecom', 'dingtalk'] as const;
export type GridRobotKind = (typeof GRID_ROBOT_KINDS)[number];

export const GRID_ROBOT_URL_MAX_LENGTH = 1024;

export interface GridRobotInput {
  readonly kind: GridRobotKind;
  readonly webhookUrl: string;
  readonly secret?: string | null;
}

/** What delivery needs: the whole setting, secret included. Never leaves the server. */
export interface GridRobotSetting {
  readonly gridId: string;
  readonly communityId: string;
  readonly kind: GridRobotKind;
  readonly webhookUrl: string;
  readonly secret: string | null;
}

/** Where each kind's robots live, and the query parameter holding the robot's key. */
const ENDPOINTS: Readonly<
  Record<GridRobotKind, { host: string; path: string; key: string; name: string }>
> = {
  wecom: {
    host: 'qyapi.weixin.qq.com',
    path: '/cgi-bin/webhook/send',
    key: 'key',
    name: '企业微信',
  },
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', key: 'access_token', name: '钉钉' },
};

/**
 * Plain `http://` to these, as for webhooks: a stand-in robot on the same machine (development and
 * tests). The path and the key parameter are required all the same.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const ROBOT_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const DINGTALK_SECRET = /^SEC[A-Za-z0-9]{8,250}$/;

function refuse(field: 'webhookUrl' | 'secret', message: string, problem: string): never {
  throw new ValidationError(message, { fields: [{ field, problems: [problem] }] });
}

/**
 * The robot's URL as stored, or 400 naming what is wrong: `https://` to the kind's own host
 * (qyapi.weixin.qq.com or oapi.dingtalk.com) on its default port, the kind's path, and the robot's
 * key as the only query parameter (`timestamp` and `sign` are added when sending). A DingTalk
 * secret starts with `SEC`; a WeCom robot has none.
 */
export function validateGridRobot(input: GridRobotInput): {
  kind: GridRobotKind;
  webhookUrl: string;
  secret: string | null;
} {
  const endpoint = ENDPOINTS[input.kind];
  const bad = (problem: string): never =>
    refuse(
      'webhookUrl',
      `${endpoint.name}群机器人地址不可用（应为 https://${endpoint.host}${endpoint.path}?${endpoint.key}=…，${problem}）`,
      problem,
    );
  if (input.webhookUrl.length > GRID_ROBOT_URL_MAX_LENGTH)
    bad(`at most ${GRID_ROBOT_URL_MAX_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(input.webhookUrl);
  } catch {
    return bad('not an absolute URL');
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) bad('must be https://');
  if (!loopback && (url.hostname !== endpoint.host || url.port !== ''))
    bad(`host must be ${endpoint.host}`);
  if (url.username !== '' || url.password !== '') bad('must not contain credentials');
  if (url.hash !== '') bad('must not contain a fragment');
  if (url.pathname !== endpoint.path) bad(`path must be ${endpoint.path}`);
  const names = [...url.searchParams.keys()];
  if (names.length !== 1 || names[0] !== endpoint.key)
    bad(`the only query parameter must be ${endpoint.key}`);
  if (!ROBOT_KEY.test(url.searchParams.get(endpoint.key) ?? ''))
    bad(`${endpoint.key} must be 8 to 128 letters, digits, - or _`);

  const secret = input.secret ?? null;
  if (secret !== null && input.kind === 'wecom')
    refuse('secret', '企业微信群机器人没有加签密钥，请不要填写', 'WeCom robots have no secret');
  if (secret !== null && !DINGTALK_SECRET.test(secret))
    refuse(
      'secret',
      '钉钉加签密钥应是机器人安全设置中以 SEC 开头的字符串',
      'must start with SEC followed by letters and digits',
    );
  return { kind: input.kind, webhookUrl: url.toString(), secret };
}

/** What an audit row says of a robot: never the URL (it holds the key) nor the secret. */
const audited = (kind: GridRobotKind, webhookUrl: string, signed: boolean) => ({
  kind,
  host: new URL(webhookUrl).host,
  signed,
});

/** Sets (or replaces) a grid's robot, with its audit row; answers the grid. */
export async function setGridRobot(
  pool: Pool,
  actorId: string,
  gridId: string,
  input: GridRobotInput,
): Promise<GridView> {
  const robot = validateGridRobot(input);
  return inTransaction(pool, async (client) => {
    const { communityId, before } = await lockGrid(client, gridId);
    await client.query(
      `INSERT INTO grid_robots (grid_id, community_id, kind, webhook_url, secret, set_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (grid_id) DO UPDATE
         SET kind = EXCLUDED.kind, webhook_url = EXCLUDED.webhook_url, secret = EXCLUDED.secret,
             set_by = EXCLUDED.set_by, set_at = now()`,
      [gridId, communityId, robot.kind, robot.webhookUrl, robot.secret, actorId],
    );
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'grid.robot-set',
      entity: 'grid',
      entityId: gridId,
      data: {
        before: before.robot,
        after: audited(robot.kind, robot.webhookUrl, robot.secret !== null),
      },
    });
    return readGrid(client, gridId);
  });
}

/** Removes a grid's robot (404 when it has none); its pending messages are dropped when next tried. */
export async function removeGridRobot(pool: Pool, actorId: string, gridId: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { communityId } = await lockGrid(client, gridId);
    const { rows } = await client.query<{
      kind: GridRobotKind;
      webhook_url: string;
      signed: boolean;
    }>(
      `DELETE FROM grid_robots WHERE grid_id = $1
       RETURNING kind, webhook_url, secret IS NOT NULL AS signed`,
      [gridId],
    );
    const removed = rows[0];
    if (removed === undefined) throw new NotFoundError('该网格没有设置群机器人', { gridId });
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'grid.robot-removed',
      entity: 'grid',
      entityId: gridId,
      data: { before: audited(removed.kind, removed.webhook_url, removed.signed) },
    });
  });
}

/** A grid's robot with its secret, for sending; null when the grid has none (or is unknown). */
export async function gridRobotSetting(
  db: {
    query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
  },
  gridId: string,
): Promise<GridRobotSetting | null> {
  const { rows } = await db.query<{
    community_id: string;
    kind: GridRobotKind;
    webhook_url: string;
    secret: string | null;
  }>(`SELECT community_id, kind, webhook_url, secret FROM grid_robots WHERE grid_id = $1`, [
    gridId,
  ]);
  const row = rows[0];
  return row === undefined
    ? null
    : {
        gridId,
        communityId: row.community_id,
        kind: row.kind,
        webhookUrl: row.webhook_url,
        secret: row.secret,
      };
}
