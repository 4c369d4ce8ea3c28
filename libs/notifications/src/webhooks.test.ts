import { randomUUID } from 'node:crypto';
import { CqrsModule, CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { AlreadyExistsError, NotFoundError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { CreateWebhookCommand } from './create-webhook/create-webhook.command';
import { CreateWebhookHandler } from './create-webhook/create-webhook.handler';
import { DeleteWebhookCommand } from './delete-webhook/delete-webhook.command';
import { DeleteWebhookHandler } from './delete-webhook/delete-webhook.handler';
import { ListWebhooksHandler } from './list-webhooks/list-webhooks.handler';
import { ListWebhooksQuery } from './list-webhooks/list-webhooks.query';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

/** The webhook use cases on the real buses, their handlers over the real repository and PostgreSQL. */
describe('webhook use cases (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: TestingModule;
  let commands: CommandBus;
  let queries: QueryBus;
  let communityId: string;
  let actorId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await Test.createTestingModule({
      imports: [CqrsModule],
      providers: [
        { provide: PG_POOL, useValue: db.pool },
        WebhookSubscriptionRepository,
        CreateWebhookHandler,
        ListWebhooksHandler,
        DeleteWebhookHandler,
      ],
    }).compile();
    await app.init();
    commands = app.get(CommandBus);
    queries = app.get(QueryBus);
    communityId = randomUUID();
    actorId = randomUUID();
    await db.pool.query(`INSERT INTO communities (id, name) VALUES ($1, '金泰和庄')`, [
      communityId,
    ]);
    await db.pool.query(
      `INSERT INTO users (id, username, display_name, password_hash) VALUES ($1, $2, '书记', 'x')`,
      [actorId, `u-${actorId}`],
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('creates (secret shown once), lists without secrets, refuses a second of the same URL, deletes', async () => {
    const url = 'https://hooks.example.cn/yishi';
    const created = await commands.execute(new CreateWebhookCommand(actorId, communityId, { url }));
    expect(created).toMatchObject({ communityId, url, active: true });
    expect(created.secret).toMatch(/^whsec_/);

    const listed = await queries.execute(new ListWebhooksQuery(communityId));
    expect(listed).toEqual([
      {
        id: created.id,
        communityId,
        url,
        active: true,
        createdAt: created.createdAt,
      },
    ]);

    await expect(
      commands.execute(new CreateWebhookCommand(actorId, communityId, { url })),
    ).rejects.toBeInstanceOf(AlreadyExistsError);

    await commands.execute(new DeleteWebhookCommand(actorId, communityId, created.id));
    expect(await queries.execute(new ListWebhooksQuery(communityId))).toEqual([]);
    await expect(
      commands.execute(new DeleteWebhookCommand(actorId, communityId, created.id)),
    ).rejects.toBeInstanceOf(NotFoundError);

    const { rows } = await db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['webhook.created', 'webhook.deleted']);
  });
});
