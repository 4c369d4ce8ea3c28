/**
 * The demo's demands ledger (SEED_DEMO_LEDGER): two grids over 金泰和庄 with their admission lists,
 * and three dozen demands in every status, from every source, worked through the ledger's own
 * commands by the demo accounts (as the API would run them, without HTTP), so the ledger, its
 * timelines, the grid robots' posts and the rates all follow from the log.
 *
 * Dated relative to the seed: each demand was received `daysAgo` days before it (over the last
 * four weeks) and each step happened at its pace after that (`stepTimes`), the commands recording
 * those times, so deadlines follow from them and the ledger and its rates look the same on any day
 * of first start: the open demands are recent and none is past its deadline, the closed ones
 * older, two of them signed after 24 hours and two closed after twelve days. Nothing here names a
 * date. The escalation into the demo's drain case happens at the seed (the case is today's).
 */
import { randomUUID } from 'node:crypto';
import { type CommandBus } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { type Role } from '@yishi/domain';
import {
  AcceptDemandCommand,
  AssignDemandCommand,
  ConfirmDemandCommand,
  type DemandCaller,
  EscalateDemandsCommand,
  MergeDemandCommand,
  RefuseDemandCommand,
  ResolveDemandCommand,
  SubmitLedgerDemandCommand,
  WithdrawDemandCommand,
} from '@yishi/demands';
import { createGrid, DEMO_ESTATE, demoCaseId, setAdmissionList } from '@yishi/registry';
import { type DemoPeople } from './demo-cases';
import {
  ADMISSION_LIST,
  DEMANDS,
  type DemandSpec,
  HOUR,
  RATINGS,
  stepTimes,
} from './demo-ledger-demands';

/** The accounts the ledger seed adds to the demo, created with the registry at first start. */
export interface DemoLedgerPeople {
  /** 第二网格's grid worker (wanggeyuan2); wanggeyuan works 第一网格. */
  readonly secondGridWorkerId: string;
  /** 单元长 danyuanzhang, of 12号楼2单元's units. */
  readonly unitLead: { readonly userId: string; readonly unitIds: readonly string[] };
  /** 邻长 linzhang, of ten units of 11号楼1单元. */
  readonly neighbourLead: { readonly userId: string; readonly unitIds: readonly string[] };
  /** zuhu-11-1-201, who rents 11号楼1单元201 from its owner. */
  readonly tenant: { readonly userId: string; readonly unitId: string };
}

/** Creates the two grids, then submits and works every demand of the seed. */
export async function seedDemoLedger(
  commands: CommandBus,
  pool: Pool,
  people: DemoPeople,
  extra: DemoLedgerPeople,
): Promise<void> {
  const { communityId, secretaryId } = people;
  const grids = [
    { name: '第一网格', buildings: ['10号楼'], workerId: people.gridWorkerId },
    { name: '第二网格', buildings: ['11号楼', '12号楼'], workerId: extra.secondGridWorkerId },
  ];
  const workers = new Map<string, DemandCaller>();
  for (const g of grids) {
    const gridId = randomUUID();
    await createGrid(pool, secretaryId, communityId, gridId, {
      name: g.name,
      buildings: g.buildings.map((building) => ({ estate: DEMO_ESTATE, building })),
      workerUserIds: [g.workerId],
    });
    await setAdmissionList(pool, secretaryId, gridId, ADMISSION_LIST);
    const worker = caller(communityId, g.workerId, ['grid-worker'], { gridIds: [gridId] });
    for (const b of g.buildings) workers.set(b, worker);
  }
  const secretary = caller(communityId, secretaryId, ['secretary'], {
    party: 'party-organisation',
    all: true,
  });
  const unitLead = caller(communityId, extra.unitLead.userId, ['unit-lead'], {
    ledUnitIds: extra.unitLead.unitIds,
  });
  const neighbourLead = caller(communityId, extra.neighbourLead.userId, ['neighbour-lead'], {
    ledUnitIds: extra.neighbourLead.unitIds,
  });
  const tenant = caller(communityId, extra.tenant.userId, ['resident'], {
    homeUnitIds: [extra.tenant.unitId],
  });

  const seededAt = Date.now();
  const ids = new Map<number, string>();
  const escalated: string[] = [];
  // Oldest first, so each day's numbers follow the order of receipt.
  const order = DEMANDS.map((spec, i) => ({ spec, i })).sort(
    (a, b) => b.spec.daysAgo - a.spec.daysAgo,
  );
  for (const { spec, i } of order) {
    const [b, e, room] = spec.unit.split('-');
    const building = `${b}号楼`;
    const worker = workers.get(building);
    if (worker === undefined) throw new Error(`demo demand in ${building}, which no grid holds`);
    const owner = people.owners.find(
      (o) => o.building === building && o.entrance === `${e}单元` && o.room === room,
    );
    if (room !== undefined && owner === undefined)
      throw new Error(`demo demand in ${spec.unit}, which has no demo owner`);
    const submitter =
      spec.source === 'online' && owner !== undefined
        ? caller(communityId, owner.userId, ['resident'], { homeUnitIds: [owner.unitId] })
        : spec.source === 'tenant'
          ? tenant
          : spec.source === 'hotline'
            ? secretary
            : spec.source === 'lead'
              ? b === '12'
                ? unitLead
                : neighbourLead
              : worker;
    const demandId = randomUUID();
    const receivedMs = seededAt - spec.daysAgo * 24 * HOUR;
    /** A step's time as the command records it; never at or after the seed. */
    const at = (step: keyof ReturnType<typeof stepTimes> | 'received'): string => {
      const ms = step === 'received' ? receivedMs : stepTimes(spec, receivedMs)[step];
      if (ms >= seededAt) throw new Error(`demo demand ${spec.unit}: ${step} after the seed`);
      return new Date(ms).toISOString();
    };
    await commands.execute(
      new SubmitLedgerDemandCommand(
        {
          demandId,
          freshId: true,
          content: spec.content,
          category: spec.category,
          unitId: owner?.unitId ?? null,
          place: owner === undefined ? { estate: DEMO_ESTATE, building } : null,
          source: spec.source === 'tenant' ? 'online' : spec.source,
          onBehalfOf:
            spec.resident === undefined ? null : { name: spec.resident, phone: '13907940000' },
          photoIds: [],
        },
        submitter,
        at('received'),
      ),
    );
    ids.set(i, demandId);
    await work(commands, demandId, spec, at, { submitter, worker, secretary, ids });
    if (spec.end === 'in-case') escalated.push(demandId);
  }
  // Into the demo's drain case (12号楼2单元), still gathering its demands.
  await commands.execute(
    new EscalateDemandsCommand(
      escalated,
      { kind: 'existing', caseId: demoCaseId(communityId) },
      secretary,
      { actorId: secretaryId, party: 'party-organisation' },
    ),
  );
}

/** Takes one submitted demand to where its spec ends, each step at its time (`at`). */
async function work(
  commands: CommandBus,
  demandId: string,
  spec: DemandSpec,
  at: (step: keyof ReturnType<typeof stepTimes>) => string,
  who: {
    submitter: DemandCaller;
    worker: DemandCaller;
    secretary: DemandCaller;
    ids: ReadonlyMap<number, string>;
  },
): Promise<void> {
  const { submitter, worker, secretary } = who;
  switch (spec.end) {
    case 'received':
      return;
    case 'refused':
      await commands.execute(
        new RefuseDemandCommand(
          demandId,
          '不在本网格准入清单内，退回社区统筹处理。',
          worker,
          at('refused'),
        ),
      );
      return;
    case 'withdrawn':
      await commands.execute(
        new WithdrawDemandCommand(demandId, '问题已自行解决。', submitter, at('withdrawn')),
      );
      return;
    case 'merged': {
      const into = who.ids.get(spec.into ?? -1);
      if (into === undefined) throw new Error(`demo demand ${demandId} merges into nothing`);
      await commands.execute(new MergeDemandCommand(demandId, into, secretary, at('merged')));
      return;
    }
    case 'in-case':
    case 'accepted':
    case 'assigned':
    case 'resolved':
    case 'satisfied':
    case 'basically-satisfied':
    case 'reopened':
      break;
  }
  // Signed by the grid worker; one that goes into a case is escalated at the seed.
  await commands.execute(new AcceptDemandCommand(demandId, worker, at('accepted')));
  if (spec.end === 'accepted' || spec.end === 'in-case') return;
  await commands.execute(
    new AssignDemandCommand(
      demandId,
      { party: 'property-company', dueInWorkingDays: 5, note: '请物业安排人员上门处理。' },
      worker,
      at('assigned'),
    ),
  );
  if (spec.end === 'assigned') return;
  await commands.execute(
    new ResolveDemandCommand(
      demandId,
      { note: '物业已上门处理完毕，现场拍照留存。', photoIds: [] },
      worker,
      at('resolved'),
    ),
  );
  const rating = RATINGS[spec.end];
  if (rating === undefined) return;
  await commands.execute(
    new ConfirmDemandCommand(
      demandId,
      {
        rating,
        comment: rating === 'dissatisfied' ? '问题没有根本解决，过两天又出现了。' : null,
      },
      submitter,
      at('answered'),
    ),
  );
}

function caller(
  communityId: string,
  userId: string,
  roles: Role[],
  reach: Partial<Omit<DemandCaller, 'communityId' | 'userId' | 'roles'>>,
): DemandCaller {
  return {
    communityId,
    userId,
    roles,
    party: null,
    all: false,
    homeUnitIds: [],
    ledUnitIds: [],
    ledBuildings: [],
    gridIds: [],
    ...reach,
  };
}
