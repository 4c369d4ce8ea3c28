import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ResolutionDrafted } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent } from '@yishi/messaging';
import { caseIdOf } from '@yishi/cases';
import { OpenVotingCommand } from './open-voting.command';

/**
 * Voting opens with the draft: on ResolutionDrafted the electorate is frozen (OpenVotingCommand,
 * idempotent) if the API did not get to it. Run by the worker (its module provides this class).
 */
@Injectable()
export class OpenVotingJobs {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent('ResolutionDrafted')
  private async onResolutionDrafted(event: RecordedEvent): Promise<void> {
    if (caseIdOf(event.streamId) === undefined) return;
    const { resolutionId } = event.data as ResolutionDrafted['data'];
    await this.commands.execute(new OpenVotingCommand(resolutionId));
  }
}
