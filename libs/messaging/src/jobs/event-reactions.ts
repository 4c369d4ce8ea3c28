import { Injectable } from '@nestjs/common';
import { type RecordedEvent } from '@yishi/event-store';

/**
 * What the reactions share while they run in one job: to one event, or to the events one
 * transaction appended to one stream (the relay's groups).
 */
export interface ReactionScope {
  /**
   * `load()` once per key in this job: e.g. the case, folded once for all of its reactions rather
   * than once each. A load runs after the job's events were committed, so it sees all of them.
   * Nothing is kept after the job.
   */
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export type Reaction = (event: RecordedEvent, scope: ReactionScope) => Promise<void>;

/**
 * Durable reactions to committed events (the relay's domain-events queue). Providers declare theirs
 * with `@OnEvent` (decorators.ts); the worker registers them at start. Each must be idempotent,
 * since delivery is at least once.
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

  /** A scope for one job's reactions. */
  scope(): ReactionScope {
    const loaded = new Map<string, Promise<unknown>>();
    return {
      once<T>(key: string, load: () => Promise<T>): Promise<T> {
        let p = loaded.get(key) as Promise<T> | undefined;
        if (p === undefined) {
          p = load();
          loaded.set(key, p);
          // A failed load is not kept: the job fails and its retry loads again anyway.
          p.catch(() => loaded.delete(key));
        }
        return p;
      },
    };
  }

  async dispatch(event: RecordedEvent, scope: ReactionScope = this.scope()): Promise<void> {
    for (const reaction of this.byType.get(event.type) ?? []) await reaction(event, scope);
  }
}
