import { Injectable } from '@nestjs/common';
import { type RecordedEvent } from '@yishi/event-store';

export type Reaction = (event: RecordedEvent) => Promise<void>;

/**
 * Durable reactions to committed events (the relay's domain-events queue). Feature modules register
 * theirs at start; each must be idempotent, since delivery is at least once.
 */
@Injectable()
export class EventReactions {
  private readonly byType = new Map<string, Reaction[]>();

  on(type: string, reaction: Reaction): void {
    this.byType.set(type, [...(this.byType.get(type) ?? []), reaction]);
  }

  handles(type: string): boolean {
    return this.byType.has(type);
  }

  async dispatch(event: RecordedEvent): Promise<void> {
    for (const reaction of this.byType.get(event.type) ?? []) await reaction(event);
  }
}
