import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Pool, type PoolClient } from 'pg';
import { type AppConfig, APP_CONFIG } from '@yishi/config';
import { inTransaction } from '@yishi/database';
import { findCredentials, hashPassword, insertUser } from '@yishi/identity';
import { type Logger } from '@yishi/observability';
import { LOGGER, PG_POOL } from '@yishi/platform';
import { CaseRepository } from '@yishi/cases';
import {
  addDepartmentMember,
  addStreetOfficer,
  BINDING_HASHER,
  createCommunity,
  createDepartment,
  createMembership,
  createStreet,
  DEMO_CASE,
  DEMO_COMMUNITY,
  DEMO_DEPARTMENTS,
  DEMO_ESTATE,
  demoCaseId,
  DEMO_LEAD_BUILDING,
  DEMO_MEMBERS,
  DEMO_PASSWORD,
  DEMO_PROPERTY_COMPANIES,
  DEMO_STREET,
  DEMO_STREET_OFFICER,
  demoOwnerIdentity,
  demoOwnerUsername,
  demoUnits,
  importUnits,
  listEstates,
  readSettings,
  seedDemoBinding,
  setPropertyCompany,
  type BindingHasher,
} from '@yishi/registry';
import { type Party } from '@yishi/domain';
import { type DemoPeople, seedDemoCases } from './demo-cases';
import { type DemoLedgerPeople, seedDemoLedger } from './demo-ledger';
import { withRelayFence } from './relay-fence';

type SeededDemo = DemoPeople & {
  ownerId: string;
  unitId: string;
  ledger: DemoLedgerPeople | undefined;
};

/** The ledger seed's accounts (SEED_DEMO_LEDGER), with the demo password like the others. */
const LEDGER_MEMBERS = {
  secondGridWorker: { username: 'wanggeyuan2', displayName: '黄网格员' },
  unitLead: { username: 'danyuanzhang', displayName: '何单元长' },
  neighbourLead: { username: 'linzhang', displayName: '林邻长' },
  tenant: { username: 'zuhu-11-1-201', displayName: '11号楼1单元201租户' },
} as const;

/** One API process at a time does first-start work (two may start together). */
const FIRST_START_LOCK = 7_366_001;

/**
 * At start: the platform admin from ADMIN_USERNAME/ADMIN_PASSWORD if that account does not exist,
 * and, on a database with no community and SEED_DEMO not false, the demo community.
 */
@Injectable()
export class FirstStartService implements OnApplicationBootstrap {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
    private readonly cases: CaseRepository,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const demo = await inTransaction(this.pool, async (db) => {
      await db.query(`SELECT pg_advisory_xact_lock($1)`, [FIRST_START_LOCK]);
      await this.ensureAdmin(db);
      return this.config.seedDemo ? this.seedDemo(db) : undefined;
    });
    if (demo === undefined) return;
    await this.openDemoCase(demo);
    const started = Date.now();
    await seedDemoCases(this.commands, this.pool, this.cases, demo);
    this.logger.info(
      { communityId: demo.communityId, ms: Date.now() - started },
      '演示案件已就绪：各阶段各一件、一项进行中的表决、一件已销号案件及其档案。 Demo cases seeded.',
    );
    const { ledger } = demo;
    if (ledger === undefined) return;
    // Its demands are dated in the past: nothing reacts to one before its last step is in.
    await withRelayFence(this.pool, () => seedDemoLedger(this.commands, this.pool, demo, ledger));
    this.logger.info(
      { communityId: demo.communityId, ms: Date.now() - started },
      '演示诉求台账已就绪：两个网格、各状态的诉求。 Demo grids and demands seeded.',
    );
  }

  /**
   * The demo case, as in the Jinxi county example: the drain of building 12, entrance 2. Appended
   * after the registry commits (the event store has its own statements); its id is fixed by the
   * community, so a repeat after a crash finds it and appends nothing.
   */
  private async openDemoCase(demo: SeededDemo) {
    const { cases } = this;
    const caseId = demoCaseId(demo.communityId);
    const { state } = await cases.load(caseId);
    if (state !== null) return;
    await cases.execute(
      caseId,
      {
        type: 'OpenCase',
        data: {
          caseId,
          communityId: demo.communityId,
          mechanism: 'five-party-hall',
          title: DEMO_CASE.title,
          description: DEMO_CASE.description,
          category: DEMO_CASE.category,
          scope: { estate: DEMO_ESTATE, building: '12号楼', entrance: '2单元' },
          involvedParties: [],
          settings: await readSettings(this.pool, demo.communityId),
        },
      },
      { actorId: demo.secretaryId, party: 'party-organisation' },
    );
    await cases.execute(
      caseId,
      {
        type: 'SubmitDemand',
        data: {
          demandId: randomUUID(),
          content: DEMO_CASE.demand,
          source: 'online',
          unitId: demo.unitId,
        },
      },
      { actorId: demo.ownerId },
    );
  }

  private async ensureAdmin(db: PoolClient): Promise<void> {
    const { adminUsername: username, adminPassword: password } = this.config;
    if (username === undefined || password === undefined) return;
    if ((await findCredentials(db, username)) !== undefined) return;
    await insertUser(db, {
      username,
      displayName: '平台管理员',
      passwordHash: await hashPassword(password),
      admin: true,
    });
    this.logger.info({ username }, `platform admin ${username} created`);
  }

  private async seedDemo(db: PoolClient): Promise<SeededDemo | undefined> {
    const { rowCount } = await db.query(`SELECT 1 FROM communities LIMIT 1`);
    if (rowCount !== 0) return undefined;
    const street = await createStreet(this.pool, null, randomUUID(), DEMO_STREET, db);
    const community = await createCommunity(
      this.pool,
      null,
      { ...DEMO_COMMUNITY, streetId: street.id },
      db,
    );
    const drafts = demoUnits();
    const units = await importUnits(this.pool, null, community.id, drafts, db);
    for (const estate of await listEstates(db, community.id)) {
      const company = DEMO_PROPERTY_COMPANIES[estate.name];
      if (company !== undefined)
        await setPropertyCompany(this.pool, null, community.id, estate.id, company, db);
    }
    // Demo accounts share one published password, so one hash (its salt protects nothing here).
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let secretaryId = '';
    let ownerId = '';
    let unitId = '';
    let gridWorkerId = '';
    const parties: Partial<Record<Party, string>> = {};
    const owners: DemoPeople['owners'][number][] = [];
    for (const m of DEMO_MEMBERS) {
      const user = await insertUser(db, { ...m, passwordHash });
      await createMembership(this.pool, null, community.id, user.id, m, db);
      if (m.roles.includes('secretary')) secretaryId = user.id;
      if (m.roles.includes('grid-worker')) gridWorkerId = user.id;
      if (m.username === DEMO_STREET_OFFICER)
        await addStreetOfficer(this.pool, null, street.id, user.id, db);
      if (m.party !== undefined) parties[m.party] = user.id;
      // The building lead serves one building: they enter its paper ballots.
      if (m.roles.includes('building-lead'))
        await db.query(
          `INSERT INTO building_leads (community_id, user_id, building_id)
           SELECT $1, $2, b.id FROM buildings b JOIN estates e ON e.id = b.estate_id
            WHERE e.community_id = $1 AND b.name = $3`,
          [community.id, user.id, DEMO_LEAD_BUILDING],
        );
    }
    await this.seedDepartments(db, street.id, passwordHash);
    for (const [i, unit] of units.entries()) {
      const draft = drafts[i];
      if (draft === undefined) continue;
      const user = await insertUser(db, {
        username: demoOwnerUsername(draft),
        displayName: `${unit.building}${unit.entrance}${unit.room}业主`,
        passwordHash,
      });
      await createMembership(
        this.pool,
        null,
        community.id,
        user.id,
        { roles: ['resident'], unitIds: [unit.id] },
        db,
      );
      // Bound by real name (实名绑定) with made-up numbers, so the demo's owners can vote.
      await seedDemoBinding(this.pool, db, this.hasher, {
        communityId: community.id,
        unitId: unit.id,
        userId: user.id,
        identity: demoOwnerIdentity(i),
      });
      owners.push({
        unitId: unit.id,
        userId: user.id,
        building: unit.building,
        entrance: unit.entrance,
        room: unit.room,
      });
      if (user.username === DEMO_CASE.ownerUsername) {
        ownerId = user.id;
        unitId = unit.id;
      }
    }
    const ledger = this.config.seedDemoLedger
      ? await this.seedLedgerMembers(db, community.id, passwordHash, owners)
      : undefined;
    this.logger.info(
      { communityId: community.id, units: units.length },
      `演示数据已创建：${DEMO_COMMUNITY.name}（${units.length} 户）。登录：书记 shuji，物业 wuye，业委会 yeweihui，` +
        `居民代表 jumindaibiao，共建单位 gongjian，社区党组织 dangwei，网格员 wanggeyuan，楼栋长 loudongzhang，` +
        `街道 jiedao，城管 chengguan、chengguan2 等街道部门人员，业主 yezhu-12-2-301 等；密码均为 ${DEMO_PASSWORD}。` +
        ` Demo data created: log in as shuji (secretary) or any account above with password ${DEMO_PASSWORD}.`,
    );
    return {
      communityId: community.id,
      secretaryId,
      ownerId,
      unitId,
      gridWorkerId,
      parties: parties as Record<Party, string>,
      owners,
      ledger,
    };
  }

  /** The demo street's departments (城管, 住建 …), each with its dispatcher and staff member. */
  private async seedDepartments(db: PoolClient, streetId: string, passwordHash: string) {
    for (const d of DEMO_DEPARTMENTS) {
      const department = await createDepartment(
        this.pool,
        null,
        streetId,
        randomUUID(),
        d.name,
        db,
      );
      for (const [role, person] of [
        ['dispatcher', d.dispatcher],
        ['staff', d.staff],
      ] as const) {
        const user = await insertUser(db, { ...person, passwordHash });
        await addDepartmentMember(this.pool, null, department.id, { userId: user.id, role }, db);
      }
    }
  }

  /**
   * The ledger seed's accounts: a second grid worker, a unit lead of 12号楼2单元, a neighbour lead
   * of ten units of 11号楼1单元, and a tenant of 11号楼1单元201 (its owner stays the owner).
   */
  private async seedLedgerMembers(
    db: PoolClient,
    communityId: string,
    passwordHash: string,
    owners: DemoPeople['owners'],
  ): Promise<DemoLedgerPeople> {
    const member = async (
      m: { username: string; displayName: string },
      input: Parameters<typeof createMembership>[4],
    ) => {
      const user = await insertUser(db, { ...m, passwordHash });
      await createMembership(this.pool, null, communityId, user.id, input, db);
      return user.id;
    };
    const unitsOf = (building: string, entrance: string) =>
      owners.filter((o) => o.building === building && o.entrance === entrance).map((o) => o.unitId);
    const ledBy12 = unitsOf('12号楼', '2单元');
    const ledBy11 = unitsOf('11号楼', '1单元').slice(0, 10);
    const rented = owners.find(
      (o) => o.building === '11号楼' && o.entrance === '1单元' && o.room === '201',
    );
    if (rented === undefined) throw new Error('the demo has no 11号楼1单元201');
    const { secondGridWorker, unitLead, neighbourLead, tenant } = LEDGER_MEMBERS;
    return {
      secondGridWorkerId: await member(secondGridWorker, { roles: ['grid-worker'] }),
      unitLead: {
        userId: await member(unitLead, { roles: ['unit-lead'], unitIds: ledBy12 }),
        unitIds: ledBy12,
      },
      neighbourLead: {
        userId: await member(neighbourLead, { roles: ['neighbour-lead'], unitIds: ledBy11 }),
        unitIds: ledBy11,
      },
      tenant: {
        userId: await member(tenant, {
          roles: ['resident'],
          unitIds: [rented.unitId],
          occupancy: 'tenant',
        }),
        unitId: rented.unitId,
      },
    };
  }
}
