import { randomUUID } from 'node:crypto';
import { type CommandBus } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  type AdvanceTarget,
  type CaseCommand,
  type CaseSettings,
  type Mechanism,
  type Party,
  type Rating,
  type Stage,
  WrongStageError,
} from '@yishi/domain';
import { DEMO_ESTATE, demoFlowCaseId, readSettings, unitsInScope } from '@yishi/registry';
import { type CaseRepository } from '@yishi/cases';
import { CastBallotCommand, CloseVotingCommand, OpenVotingCommand } from '@yishi/voting';

/** Who the demo's seeded cases are worked by: the demo accounts of first start. */
export interface DemoPeople {
  readonly communityId: string;
  readonly secretaryId: string;
  /** The demo member of each party (dangwei, yeweihui, wuye, jumindaibiao, gongjian). */
  readonly parties: Readonly<Record<Party, string>>;
  readonly gridWorkerId: string;
  /** Every demo unit with its one owner. */
  readonly owners: readonly {
    readonly unitId: string;
    readonly userId: string;
    readonly building: string;
    readonly entrance: string;
    readonly room: string;
  }[];
}

/**
 * Who moves the seeded cases from stage to stage: the demo seed, running the same gate check
 * (EvaluateAdvance) the queue runs. Named as itself in the audit log, never as a person.
 */
export const DEMO_SEED_ACTOR = 'system:demo-seed';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

type Scope = { estate: string; building: string | null; entrance: string | null };

/**
 * The demo's cases at every point of the flow, worked through the real commands by the demo
 * accounts (as the API would run them, without HTTP), so projections, notifications, tallies and
 * archives all follow from the log:
 * - 分析研判: a 邻里会商 with its analysis and notice, the residents' representatives yet to 签收;
 * - 议事会商: a meeting held and a resolution open for votes for five more days;
 * - 落实问效: a passed resolution and two tasks, one of them 60 % done;
 * - 已销号: everything done and every unit of the entrance evaluated, so its archive is complete.
 * (The 了解诉求 case is the drain case opened before these.)
 *
 * These cases are opened with a notice period of 0 hours (recorded in their CaseOpened, as any
 * case's settings are), and the seed itself moves each to its next stage once the gate holds, so
 * the stage keeps the case's own settings. The closed case closes because every unit in its scope
 * evaluated, not because the 7-day window ran out. Nothing is backdated: every event carries the
 * time it was written. Cases opened in the demo by hand follow the community's settings (72 h).
 */
export async function seedDemoCases(
  commands: CommandBus,
  pool: Pool,
  cases: CaseRepository,
  people: DemoPeople,
): Promise<void> {
  const base = await readSettings(pool, people.communityId);
  const settings: CaseSettings = { ...base, noticePeriodHours: 0 };
  const seeder = new Seeder(commands, pool, cases, people, settings);
  await seeder.analysisCase();
  await seeder.deliberationCase();
  await seeder.followUpCase();
  await seeder.closedCase();
}

class Seeder {
  constructor(
    private readonly commands: CommandBus,
    private readonly pool: Pool,
    private readonly cases: CaseRepository,
    private readonly people: DemoPeople,
    private readonly settings: CaseSettings,
  ) {}

  private secretary() {
    return { actorId: this.people.secretaryId, party: 'party-organisation' as const };
  }

  private partyMember(party: Party) {
    return { actorId: this.people.parties[party], party };
  }

  private ownersIn(scope: Scope) {
    return this.people.owners.filter(
      (o) =>
        (scope.building === null || o.building === scope.building) &&
        (scope.entrance === null || o.entrance === scope.entrance),
    );
  }

  /** Opens the case unless a former start did (its id is fixed): then it is left as it is. */
  private async open(
    n: number,
    data: {
      mechanism: Mechanism;
      title: string;
      description: string;
      category: string;
      scope: Scope;
      involvedParties?: Party[];
    },
  ): Promise<CaseStep | undefined> {
    const caseId = demoFlowCaseId(this.people.communityId, n);
    if ((await this.cases.load(caseId)).state !== null) return undefined;
    const { state } = await this.cases.execute(
      caseId,
      {
        type: 'OpenCase',
        data: {
          caseId,
          communityId: this.people.communityId,
          ...data,
          involvedParties: data.involvedParties ?? [],
          settings: this.settings,
        },
      },
      this.secretary(),
    );
    const required = state?.parties.filter((p) => p.required).map((p) => p.party) ?? [];
    return new CaseStep(caseId, this.cases, required);
  }

  private async demands(step: CaseStep, scope: Scope, texts: readonly string[]): Promise<void> {
    const owners = this.ownersIn(scope);
    for (const [i, content] of texts.entries()) {
      const owner = owners[(i * 5 + 2) % owners.length];
      if (owner === undefined) continue;
      await step.run(
        {
          type: 'SubmitDemand',
          data: { demandId: randomUUID(), content, source: 'online', unitId: owner.unitId },
        },
        { actorId: owner.userId },
      );
    }
    await step.run(
      {
        type: 'SubmitDemand',
        data: {
          demandId: randomUUID(),
          content: '网格巡查时住户反映同一问题，已现场拍照记录。',
          source: 'grid-patrol',
        },
      },
      { actorId: this.people.gridWorkerId },
    );
  }

  private async acknowledge(step: CaseStep, stage: Stage, except: Party[] = []): Promise<void> {
    for (const party of step.required.filter((p) => !except.includes(p)))
      await step.run({ type: 'Acknowledge', data: { party, stage } }, this.partyMember(party));
  }

  private async analysis(step: CaseStep, leadParty: Party, options: [string, string][]) {
    await step.run(
      {
        type: 'RecordAnalysis',
        data: {
          summary: '经现场查看和各方沟通，问题属实，影响范围内住户普遍关注，需议事会商决定方案。',
          leadParty,
          siteSurvey: '社区书记会同物业、居民代表现场查看，拍照留存。',
          options: options.map(([title, description]) => ({ title, description })),
        },
      },
      this.secretary(),
    );
  }

  /** To deliberation, the meeting with every required party, and a resolution drafted. */
  private async toResolution(
    step: CaseStep,
    resolution: { title: string; text: string; closesInMs: number },
  ): Promise<string> {
    await step.advance('deliberation');
    await this.acknowledge(step, 'deliberation');
    await step.run(
      {
        type: 'RecordMeeting',
        data: {
          meetingId: randomUUID(),
          // Held as it is recorded: nothing in the seed is dated before the case was opened.
          heldAt: iso(Date.now()),
          place: '学苑社区党群服务中心二楼议事室',
          attendance: step.required.map((party) => ({
            party,
            attendees: [this.people.parties[party]],
          })),
          minutes: '各方陈述意见，对方案逐项讨论，同意提交业主表决。',
        },
      },
      this.secretary(),
    );
    const resolutionId = randomUUID();
    await step.run(
      {
        type: 'DraftResolution',
        data: {
          resolutionId,
          title: resolution.title,
          text: resolution.text,
          rule: 'simple-majority',
          matter: 'ordinary',
          closesAt: iso(Date.now() + resolution.closesInMs),
        },
      },
      this.secretary(),
    );
    await this.commands.execute(new OpenVotingCommand(resolutionId));
    return resolutionId;
  }

  private async ballots(
    resolutionId: string,
    voters: readonly { userId: string; unitId: string }[],
    choices: readonly ('for' | 'against' | 'abstain')[],
  ): Promise<void> {
    for (const [i, voter] of voters.entries()) {
      const choice = choices[i];
      if (choice === undefined) break;
      await this.commands.execute(
        new CastBallotCommand(
          resolutionId,
          { userId: voter.userId },
          { choice, unitId: voter.unitId },
        ),
      );
    }
  }

  /** Votes, the secretary's close, and follow-up with its 签收. */
  private async passAndFollowUp(step: CaseStep, scope: Scope, resolutionId: string) {
    const owners = this.ownersIn(scope);
    const choices = owners.map((_, i) =>
      i % 6 === 5 ? 'against' : i % 7 === 6 ? 'abstain' : 'for',
    );
    await this.ballots(resolutionId, owners.slice(0, Math.ceil(owners.length * 0.75)), choices);
    const tally = await this.commands.execute(
      new CloseVotingCommand(resolutionId, this.secretary(), 'secretary'),
    );
    if (!tally.passed) throw new Error(`demo resolution ${resolutionId} should pass`);
    await step.advance('follow-up');
    await this.acknowledge(step, 'follow-up');
  }

  private async task(
    step: CaseStep,
    task: { title: string; description: string; party: Party; dueInMs: number },
  ): Promise<string> {
    const taskId = randomUUID();
    await step.run(
      {
        type: 'AssignTask',
        data: {
          taskId,
          title: task.title,
          description: task.description,
          assigneeParty: task.party,
          dueAt: iso(Date.now() + task.dueInMs),
        },
      },
      this.secretary(),
    );
    return taskId;
  }

  async analysisCase(): Promise<void> {
    const scope = { estate: DEMO_ESTATE, building: '10号楼', entrance: '1单元' };
    const step = await this.open(1, {
      mechanism: 'neighbourhood-consultation',
      title: '10号楼1单元楼道声控灯损坏',
      description: '10号楼1单元3至6层楼道声控灯不亮已近两周，老人夜间上下楼不便。涉及物业维修。',
      category: '设施维修',
      scope,
      involvedParties: ['property-company'],
    });
    if (step === undefined) return;
    await this.demands(step, scope, ['晚上楼道一片黑，家里老人不敢下楼。']);
    await this.acknowledge(step, 'gathering');
    await step.advance('analysis');
    // The residents' representatives have not acknowledged yet: the demo's 签收 moves the case.
    await this.acknowledge(step, 'analysis', ['resident-representatives']);
    await this.analysis(step, 'property-company', [
      ['更换为感应LED灯', '物业更换3至6层全部声控灯为人体感应LED灯，费用从公共收益列支。'],
      ['仅维修损坏灯具', '物业逐层检修，更换损坏灯泡和开关。'],
    ]);
  }

  async deliberationCase(): Promise<void> {
    const scope = { estate: DEMO_ESTATE, building: '12号楼', entrance: null };
    const step = await this.open(2, {
      mechanism: 'five-party-hall',
      title: '12号楼电动自行车集中充电棚建设',
      description:
        '12号楼住户常把电动自行车推进楼道充电，存在火灾隐患。拟在楼前空地建集中充电棚，涉及场地、费用和管理。',
      category: '安全隐患',
      scope,
    });
    if (step === undefined) return;
    await this.demands(step, scope, [
      '楼道里停满电动车，晚上还拉线充电，太危险了。',
      '希望在楼下建个充电棚，按次收费也可以。',
    ]);
    await this.acknowledge(step, 'gathering');
    await step.advance('analysis');
    await this.acknowledge(step, 'analysis');
    await this.analysis(step, 'partner-units', [
      ['楼前空地建充电棚', '共建单位提供充电设备，物业负责日常管理，按次收费。'],
      ['利用车棚改造', '改造现有自行车棚，加装充电桩和监控。'],
    ]);
    const resolutionId = await this.toResolution(step, {
      title: '关于在12号楼前建设电动自行车集中充电棚的决议',
      text: '同意在12号楼前东侧空地建设电动自行车集中充电棚（约20个车位），由共建单位提供充电设备，物业负责日常管理，按次收费。',
      closesInMs: 5 * DAY,
    });
    // The first entrance has begun voting; 2单元's owners (yezhu-12-2-301 …) have not.
    const firstEntrance = this.ownersIn({ ...scope, entrance: '1单元' });
    await this.ballots(resolutionId, firstEntrance, [
      'for',
      'for',
      'against',
      'for',
      'for',
      'abstain',
    ]);
  }

  async followUpCase(): Promise<void> {
    const scope = { estate: DEMO_ESTATE, building: '11号楼', entrance: null };
    const step = await this.open(3, {
      mechanism: 'five-party-hall',
      title: '11号楼外墙渗水维修',
      description: '11号楼西侧外墙多处渗水，雨后室内墙面发霉。需使用维修资金修补外墙防水。',
      category: '设施维修',
      scope,
    });
    if (step === undefined) return;
    await this.demands(step, scope, ['每次下雨卧室墙面都渗水，墙皮已经脱落。']);
    await this.acknowledge(step, 'gathering');
    await step.advance('analysis');
    await this.acknowledge(step, 'analysis');
    await this.analysis(step, 'property-company', [
      ['西侧外墙整体修补', '物业组织施工单位对西侧外墙整体做防水修补。'],
    ]);
    const resolutionId = await this.toResolution(step, {
      title: '关于11号楼西侧外墙防水修补的决议',
      text: '同意由物业组织对11号楼西侧外墙整体进行防水修补，工期20天，业委会负责公示费用明细。',
      closesInMs: 3 * DAY,
    });
    await this.passAndFollowUp(step, scope, resolutionId);
    const repair = await this.task(step, {
      title: '西侧外墙防水修补施工',
      description: '搭设吊篮，清理空鼓外墙，重做防水层。',
      party: 'property-company',
      dueInMs: 14 * DAY,
    });
    await this.task(step, {
      title: '公示维修费用明细',
      description: '在单元公告栏和线上公示维修费用明细。',
      party: 'owners-committee',
      dueInMs: 7 * DAY,
    });
    await step.run(
      {
        type: 'ReportProgress',
        data: { taskId: repair, percent: 60, note: '吊篮已搭设，6层以上防水层已完成。' },
      },
      this.partyMember('property-company'),
    );
  }

  async closedCase(): Promise<void> {
    const scope = { estate: DEMO_ESTATE, building: '10号楼', entrance: '2单元' };
    const step = await this.open(4, {
      mechanism: 'neighbourhood-consultation',
      title: '10号楼2单元楼道加装扶手',
      description: '10号楼2单元老年住户多，楼梯没有靠墙扶手，上下楼易摔倒。共建单位愿意捐助材料。',
      category: '适老化改造',
      scope,
      involvedParties: ['partner-units'],
    });
    if (step === undefined) return;
    await this.demands(step, scope, ['家里老人上楼要扶墙，希望楼梯加个扶手。']);
    await this.acknowledge(step, 'gathering');
    await step.advance('analysis');
    await this.acknowledge(step, 'analysis');
    await this.analysis(step, 'partner-units', [
      ['1至6层靠墙加装不锈钢扶手', '共建单位捐助材料并安装，物业配合施工。'],
    ]);
    const resolutionId = await this.toResolution(step, {
      title: '关于10号楼2单元楼道加装扶手的决议',
      text: '同意在10号楼2单元1至6层楼梯靠墙一侧加装不锈钢扶手，由共建单位捐助材料并安装。',
      closesInMs: 3 * DAY,
    });
    await this.passAndFollowUp(step, scope, resolutionId);
    const install = await this.task(step, {
      title: '安装楼道扶手',
      description: '1至6层楼梯靠墙一侧安装不锈钢扶手。',
      party: 'partner-units',
      dueInMs: 10 * DAY,
    });
    await step.run(
      {
        type: 'CompleteTask',
        data: { taskId: install, note: '扶手已全部安装完毕，经居民代表验收。' },
      },
      this.partyMember('partner-units'),
    );
    // Every unit of the entrance evaluates, so the case closes on the evaluations (not the window).
    const ratings: Rating[] = ['satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'];
    for (const [i, owner] of this.ownersIn(scope).entries())
      await step.run(
        {
          type: 'Evaluate',
          data: {
            unitId: owner.unitId,
            rating: ratings[i % ratings.length] ?? 'satisfied',
            comment: i % 4 === 3 ? '扶手有点高，老人用着不太顺手。' : null,
          },
        },
        { actorId: owner.userId },
      );
    await step.advance('closed', await unitsInScope(this.pool, this.people.communityId, scope));
  }
}

/** One seeded case: its commands, and its next stage once the gate holds. */
class CaseStep {
  constructor(
    readonly caseId: string,
    private readonly cases: CaseRepository,
    readonly required: readonly Party[],
  ) {}

  run(command: CaseCommand, actor: { actorId: string; party?: Party }) {
    return this.cases.execute(this.caseId, command, actor);
  }

  /**
   * The gate check the queue runs (EvaluateAdvance), without new settings: the stage keeps the
   * case's own. The queue may get there first (its reaction to the last event): then the case has
   * moved already and this changes nothing. A gate that does not hold is a bug in the seed.
   */
  async advance(to: AdvanceTarget, unitsInScope: number | null = null): Promise<void> {
    try {
      await this.run(
        { type: 'EvaluateAdvance', data: { to, unitsInScope } },
        { actorId: DEMO_SEED_ACTOR },
      );
    } catch (error) {
      if (!(error instanceof WrongStageError)) throw error;
    }
    const { state } = await this.cases.load(this.caseId);
    const reached = to === 'closed' ? state?.status === 'closed' : state?.stage === to;
    if (!reached) throw new Error(`demo case ${this.caseId} did not reach ${to}`);
  }
}
