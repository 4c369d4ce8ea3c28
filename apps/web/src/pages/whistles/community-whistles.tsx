import './whistles.css';
import { api } from '../../api/client';
import { type CommunityDepartments, type Page, type WhistleListItem } from '../../api/types';
import { Empty, Loaded, useLoad } from '../../ui';
import { WhistleCards } from './whistle-cards';

const SHOWN = 20;

/**
 * 吹哨报到 on the secretary's console: the community's latest whistles, newest first, with whom
 * each is with and its next deadline. A whistle is issued from a demand's or a case's page.
 */
export function CommunityWhistles(props: { communityId: string }) {
  const { communityId } = props;
  const [load, reload] = useLoad(
    async (signal) => {
      const [whistles, departments] = await Promise.all([
        api<Page<WhistleListItem>>(`/communities/${communityId}/whistles?limit=${SHOWN}`, {
          signal,
        }),
        api<CommunityDepartments>(`/communities/${communityId}/departments`, { signal }),
      ]);
      return { whistles, departments: departments.items };
    },
    [communityId],
  );
  return (
    <section className="community-whistles" aria-labelledby="community-whistles">
      <h2 id="community-whistles">吹哨报到</h2>
      <Loaded load={load} reload={reload}>
        {({ whistles, departments }) =>
          whistles.items.length === 0 ? (
            <Empty>
              还没有吹哨。社区解决不了、需要街道部门来办的事，可在诉求或议事案件页面点“吹哨”。
            </Empty>
          ) : (
            <>
              <WhistleCards
                items={whistles.items}
                departmentName={(id) => departments.find((d) => d.id === id)?.name ?? null}
                toRate
                testId="community-whistles"
              />
              {whistles.total > whistles.items.length ? (
                <p className="muted">
                  只显示最近的 {SHOWN} 件（共 {whistles.total} 件）。
                </p>
              ) : null}
            </>
          )
        }
      </Loaded>
    </section>
  );
}
