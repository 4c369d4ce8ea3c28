import { Injectable } from '@nestjs/common';
import { caseIdOf } from '@yishi/cases';
import { type FollowUpEscalated, type PartyEscalated, WHISTLE_EVENT_LABELS } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { OnEvent } from '@yishi/messaging';
import { whistleIdOf } from '../whistle-repository';
import { WhistleLinks } from './whistle-links';

/**
 * The worker's reactions of WhistleLinks: after every event of a whistle, its progress to its
 * demand or case; after a case's escalation, the whistle to the street's office.
 */
@Injectable()
export class WhistleLinkReactions {
  constructor(private readonly links: WhistleLinks) {}

  @OnEvent(...Object.keys(WHISTLE_EVENT_LABELS))
  async onWhistleEvent(event: RecordedEvent): Promise<void> {
    const whistleId = whistleIdOf(event.streamId);
    if (whistleId !== undefined) await this.links.reportWhistle(whistleId);
  }

  @OnEvent('PartyEscalated')
  async onPartyEscalated(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId !== undefined)
      await this.links.partyEscalated(caseId, event.data as PartyEscalated['data']);
  }

  @OnEvent('FollowUpEscalated')
  async onFollowUpEscalated(event: RecordedEvent): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId !== undefined)
      await this.links.followUpEscalated(caseId, event.data as FollowUpEscalated['data']);
  }
}
