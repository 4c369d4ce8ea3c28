import { randomUUID } from 'node:crypto';
import { ForbiddenError, ValidationError, WrongStageError } from '@yishi/domain';
import { EventStore } from '@yishi/event-store';
import { createCommunity, demoUnits, importUnits, type Unit } from '@yishi/registry';
import { CaseQueries, CaseRepository } from '@yishi/cases';
import { RegistryReads } from '@yishi/registry';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { EvaluateCommand, type Evaluator } from './evaluate.command';
import { EvaluateHandler } from './evaluate.handler';

/**
 * Which unit a resident evaluates for: the handler with the real repository and unit ledger. The
 * case stays in gathering, so a unit that passes the checks reaches the decider, which refuses
 * the stage.
 */
describe('evaluate: the unit evaluated (real PostgreSQL)', () => {
  let db: TestDatabase;
  let evaluate: EvaluateHandler;
  let communityId: string;
  let caseId: string;
  let inScope: Unit[];
  let outOfScope: Unit;

  beforeAll(async () => {
    db = await createTestDatabase();
    const cases = new CaseRepository(new EventStore(db.pool));
    const registry = new RegistryReads(db.pool);
    evaluate = new EvaluateHandler(cases, new CaseQueries(db.pool), registry);
    communityId = (await createCommunity(db.pool, null, { name: '学苑社区' })).id;
    const units = await importUnits(db.pool, null, communityId, demoUnits());
    inScope = units.filter((u) => u.building === '10号楼' && u.entrance === '1单元');
    outOfScope = units.find((u) => u.building === '11号楼')!;
    caseId = randomUUID();
    await cases.execute(
      caseId,
      {
        type: 'OpenCase',
        data: {
          caseId,
          communityId,
          mechanism: 'five-party-hall',
          title: '楼道照明',
          description: '',
          category: '公共设施',
          scope: { estate: '金泰和庄', building: '10号楼', entrance: '1单元' },
          settings: await registry.settings(communityId),
        },
      },
      { actorId: randomUUID() },
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  const resident = (ownUnitIds: string[]): Evaluator => ({
    actorId: randomUUID(),
    communityId,
    ownUnitIds,
  });
  const rate = (who: Evaluator, unitId?: string) =>
    evaluate.execute(
      new EvaluateCommand(caseId, { unitId, rating: 'satisfied', comment: null }, who),
    );

  it('refuses a unit the resident does not own, or one outside the case', async () => {
    await expect(rate(resident([]), inScope[0]!.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rate(resident([outOfScope.id]), outOfScope.id)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('without a unit named: none in scope is refused, several must be named', async () => {
    await expect(rate(resident([outOfScope.id]))).rejects.toBeInstanceOf(ForbiddenError);
    const several = [inScope[0]!.id, inScope[1]!.id];
    await expect(rate(resident(several))).rejects.toMatchObject({
      constructor: ValidationError,
      details: { unitIds: several },
    });
  });

  it('the one unit in scope goes to the decider', async () => {
    await expect(rate(resident([outOfScope.id, inScope[0]!.id]))).rejects.toBeInstanceOf(
      WrongStageError,
    );
    await expect(rate(resident([inScope[0]!.id]), inScope[0]!.id)).rejects.toBeInstanceOf(
      WrongStageError,
    );
  });
});
