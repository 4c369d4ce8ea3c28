import { Command } from '@nestjs/cqrs';
import { type Matter, type VotingRule } from '@yishi/domain';
import { type Actor } from '../voting.types';

/** A resolution (决议) drafted on a case in deliberation; voting opens with it. */
export class DraftResolutionCommand extends Command<{ readonly version: number }> {
  constructor(
    readonly caseId: string,
    readonly resolutionId: string,
    readonly draft: {
      readonly title: string;
      readonly text: string;
      readonly rule: VotingRule;
      readonly matter: Matter;
      readonly closesAt: string;
      readonly options?: readonly { readonly title: string }[];
    },
    readonly actor: Actor,
  ) {
    super();
  }
}
