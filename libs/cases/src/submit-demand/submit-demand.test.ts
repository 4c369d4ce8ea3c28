import { randomUUID } from 'node:crypto';
import { ForbiddenError, ValidationError } from '@yishi/domain';
import { EventStore } from '@yishi/event-store';
import { createCommunity, demoUnits, importUnits } from '@yishi/registry';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { RegistryReads } from '@yishi/registry';
import { CaseRepository } from '../case-repository';
import { OpenCaseCommand } from '../open-case/open-case.command';
import { OpenCaseHandler } from '../open-case/open-case.handler';
import { SubmitDemandCommand, type DemandSubmitter } from './submit-demand.command';
import { SubmitDemandHandler } from './submit-demand.handler';

/** Opening a case and its demands: the handlers with the real repository and unit ledger. */
describe('open-case and submit-demand (real PostgreSQL)', () => {
  let db: TestDatabase;
  let cases: CaseRepository;
  let open: OpenCaseHandler;
  let submit: SubmitDemandHandler;
  let communityId: string;
  let ownUnits: string[];
  let foreignUnit: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    cases = new CaseRepository(new EventStore(db.pool));
    const registry = new RegistryReads(db.pool);
    open = new OpenCaseHandler(cases, registry);
    submit = new SubmitDemandHandler(cases, registry);
    communityId = (await createCommunity(db.pool, null, { name: '学苑社区' })).id;
    const units = await importUnits(db.pool, null, communityId, demoUnits());
    ownUnits = [units[0]!.id, units[1]!.id];
    const other = (await createCommunity(db.pool, null, { name: '另一社区' })).id;
    foreignUnit = (await importUnits(db.pool, null, other, demoUnits().slice(0, 1)))[0]!.id;
  });
  afterAll(async () => {
    await db.drop();
  });

  const opened = async (): Promise<string> => {
    const caseId = randomUUID();
    await open.execute(
      new OpenCaseCommand(
        {
          caseId,
          communityId,
          mechanism: 'five-party-hall',
          title: '楼道照明',
          description: '',
          category: '公共设施',
          scope: { estate: '金泰和庄', building: '10号楼', entrance: null },
          involvedParties: [],
        },
        { actorId: randomUUID() },
      ),
    );
    return caseId;
  };
  const resident: Omit<DemandSubmitter, 'ownUnitIds'> = {
    actorId: randomUUID(),
    communityId: '',
    speaksForOthers: false,
  };
  const demand = (unitId?: string) => ({
    demandId: randomUUID(),
    content: '楼道灯坏了',
    source: 'online' as const,
    unitId,
  });

  it('opens a case with the community settings, and refuses a scope without units', async () => {
    const caseId = await opened();
    const { state } = await cases.load(caseId);
    expect(state?.stage).toBe('gathering');
    expect(state?.settings.acknowledgementHours).toBeGreaterThan(0);
    await expect(
      open.execute(
        new OpenCaseCommand(
          {
            caseId: randomUUID(),
            communityId,
            mechanism: 'five-party-hall',
            title: '无此楼',
            description: '',
            category: '公共设施',
            scope: { estate: '金泰和庄', building: '99号楼', entrance: null },
            involvedParties: [],
          },
          { actorId: randomUUID() },
        ),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("takes a resident's demand for their own unit, or their first one when none is named", async () => {
    const caseId = await opened();
    const me = { ...resident, communityId, ownUnitIds: ownUnits };
    await submit.execute(new SubmitDemandCommand(caseId, demand(ownUnits[1]), me));
    await submit.execute(new SubmitDemandCommand(caseId, demand(), me));
    const { state } = await cases.load(caseId);
    expect(state?.demands.map((d) => d.unitId)).toEqual([ownUnits[1], ownUnits[0]]);
  });

  it("refuses a resident's demand for another's unit, and anyone's for a unit of another community", async () => {
    const caseId = await opened();
    await expect(
      submit.execute(
        new SubmitDemandCommand(caseId, demand(ownUnits[0]), {
          ...resident,
          communityId,
          ownUnitIds: [],
        }),
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const secretary = {
      actorId: randomUUID(),
      party: 'party-organisation' as const,
      communityId,
      speaksForOthers: true,
      ownUnitIds: [],
    };
    await expect(
      submit.execute(new SubmitDemandCommand(caseId, demand(foreignUnit), secretary)),
    ).rejects.toBeInstanceOf(ValidationError);
    // A party speaking for the community names no unit.
    await submit.execute(new SubmitDemandCommand(caseId, demand(), secretary));
    const { state } = await cases.load(caseId);
    expect(state?.demands.map((d) => d.unitId)).toEqual([null]);
  });
});
