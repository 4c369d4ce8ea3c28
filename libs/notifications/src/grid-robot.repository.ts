import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { testGridRobot, type RobotTestResult } from './robots/robot-delivery';

/** A grid robot's test post gets the webhooks' time limit. */
const ROBOT_TEST_TIMEOUT_MS = 10_000;

/** The grids' group-chat robots, as the HTTP side reaches them (the test message). */
@Injectable()
export class GridRobotRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  test(gridId: string): Promise<RobotTestResult> {
    return testGridRobot(this.pool, gridId, ROBOT_TEST_TIMEOUT_MS);
  }
}
