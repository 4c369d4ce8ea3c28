import { NOTIFICATION_KIND_LABELS } from '@yishi/domain';
import { NOTIFICATION_KINDS } from './queues';

describe('notification kinds', () => {
  it('each has its Chinese name in the one label table (libs/domain/src/labels.ts)', () => {
    const unnamed = NOTIFICATION_KINDS.filter(
      (kind) => !/\p{Script=Han}/u.test(NOTIFICATION_KIND_LABELS[kind] ?? ''),
    );
    expect(unnamed).toEqual([]);
  });
});
