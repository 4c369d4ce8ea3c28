import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { GridRobotRepository } from '../grid-robot.repository';
import { type RobotTestResult } from '../robots/robot-delivery';
import { TestGridRobotCommand } from './test-grid-robot.command';

@CommandHandler(TestGridRobotCommand)
export class TestGridRobotHandler implements ICommandHandler<
  TestGridRobotCommand,
  RobotTestResult
> {
  constructor(private readonly robots: GridRobotRepository) {}

  execute({ gridId }: TestGridRobotCommand): Promise<RobotTestResult> {
    return this.robots.test(gridId);
  }
}
