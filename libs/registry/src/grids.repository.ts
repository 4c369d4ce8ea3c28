import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { removeGridRobot, setGridRobot, type GridRobotInput } from './grid-robots';
import {
  createGrid,
  deleteGrid,
  listGrids,
  setAdmissionList,
  updateGrid,
  type GridInput,
  type GridRef,
  type GridView,
} from './grids';

/** A community's grids (网格): buildings, workers, admission lists, robots; every change audited. */
@Injectable()
export class GridsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  create(actorId: string, communityId: string, gridId: string, input: GridInput): Promise<GridRef> {
    return createGrid(this.pool, actorId, communityId, gridId, input);
  }

  list(communityId: string): Promise<GridView[]> {
    return listGrids(this.pool, communityId);
  }

  update(actorId: string, gridId: string, patch: Partial<GridInput>): Promise<GridView> {
    return updateGrid(this.pool, actorId, gridId, patch);
  }

  delete(actorId: string, gridId: string): Promise<void> {
    return deleteGrid(this.pool, actorId, gridId);
  }

  setAdmissionList(
    actorId: string,
    gridId: string,
    categories: readonly string[],
  ): Promise<GridView> {
    return setAdmissionList(this.pool, actorId, gridId, categories);
  }

  setRobot(actorId: string, gridId: string, robot: GridRobotInput): Promise<GridView> {
    return setGridRobot(this.pool, actorId, gridId, robot);
  }

  removeRobot(actorId: string, gridId: string): Promise<void> {
    return removeGridRobot(this.pool, actorId, gridId);
  }
}
