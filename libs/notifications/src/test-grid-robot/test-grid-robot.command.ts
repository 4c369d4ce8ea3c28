import { Command } from '@nestjs/cqrs';
import { type RobotTestResult } from '../robots/robot-delivery';

/** Posts a test message to a grid's group-chat robot and answers what it said. */
export class TestGridRobotCommand extends Command<RobotTestResult> {
  constructor(readonly gridId: string) {
    super();
  }
}
