import { type Server } from 'node:http';
import { type Party } from '@yishi/domain';
import { type CaseView } from '@yishi/cases';
import { client, login, PARTY_ACCOUNTS } from './api';
import { bindOverHttp } from './bindings';
import { until } from './wait';

/**
 * The demo accounts over HTTP for a test file: sign in once, act as anyone, wait for the case
 * read model, acknowledge for parties, and walk a case through the stages the way users do.
 */
export function httpActors(server: () => Server) {
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const as = (who: string) => {
    const token = tokens[who];
    if (token === undefined) throw new Error(`${who} is not signed in`);
    return client(server(), token);
  };
  /** Signs `who` in (again) with `password` (the demo password when omitted). */
  const signInWith = async (who: string, password?: string) => {
    tokens[who] = await login(server(), who, password);
    userIds[who] = ((await as(who).get('/me').expect(200)).body as { id: string }).id;
  };
  const view = async (caseId: string): Promise<CaseView> =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as CaseView;
  const acknowledge = async (caseId: string, stage: string, parties: readonly Party[]) => {
    for (const party of parties)
      await as(PARTY_ACCOUNTS[party])
        .post(`/cases/${caseId}/acknowledgements`, { stage })
        .expect(201);
  };
  /** Until the case view satisfies `check` (a case just opened may 404 for a moment). */
  const waitFor = async (caseId: string, what: string, check: (c: CaseView) => boolean) => {
    let last: CaseView | undefined;
    await until(
      async () => {
        const res = await as('shuji').get(`/cases/${caseId}`);
        return res.status === 200 && check((last = res.body as CaseView));
      },
      20_000,
      () => `${what}; the case: ${JSON.stringify({ ...last, tasks: undefined })}`,
    );
  };
  return {
    tokens,
    userIds,
    as,
    view,
    acknowledge,
    waitFor,
    async signIn(...users: string[]) {
      for (const u of users) if (tokens[u] === undefined) await signInWith(u);
    },
    signInWith,
    /**
     * A new resident account owning `unitIds` (created by the secretary `shuji`, signed in) and,
     * unless `bind` is false, bound by real name to each unit as production does it.
     */
    async newResident(
      username: string,
      o: {
        communityId: string;
        unitIds: readonly string[];
        password?: string;
        displayName?: string;
        phone?: string;
        bind?: boolean;
      },
    ): Promise<string> {
      const password = o.password ?? 'resident-pass-1';
      const created = await as('shuji')
        .post('/users', {
          username,
          password,
          displayName: o.displayName ?? `${username}业主`,
          ...(o.phone === undefined ? {} : { phone: o.phone }),
        })
        .expect(201);
      const userId = (created.body as { id: string }).id;
      await as('shuji')
        .post(`/communities/${o.communityId}/memberships`, {
          userId,
          roles: ['resident'],
          unitIds: o.unitIds,
        })
        .expect(201);
      await signInWith(username, password);
      if (o.bind !== false)
        for (const unitId of o.unitIds)
          await bindOverHttp(server(), {
            secretaryToken: tokens.shuji!,
            ownerToken: tokens[username]!,
            communityId: o.communityId,
            unitId,
          });
      return userId;
    },
    errorCode: (body: unknown) => (body as { error: { code: string } }).error.code,
    /** `[status, error code]` of a response, to compare refusals in one line. */
    errorOf: (res: { status: number; body: unknown }) => [
      res.status,
      (res.body as { error?: { code: string } }).error?.code,
    ],
    /**
     * Takes a case that has its demand through analysis (notice period 0), a meeting of `parties`
     * and a simple-majority vote won by `voter`'s ballot into follow-up, every stage acknowledged.
     */
    async walkToFollowUp(
      caseId: string,
      o: {
        parties: readonly Party[];
        voter: string;
        analysis: { summary: string; option: string; optionText: string };
        minutes: string;
        resolution: { title: string; text: string };
      },
    ): Promise<{ resolutionId: string }> {
      await acknowledge(caseId, 'gathering', o.parties);
      await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
      await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
      await as('shuji')
        .post(`/cases/${caseId}/analysis`, {
          summary: o.analysis.summary,
          leadParty: 'property-company',
          options: [{ title: o.analysis.option, description: o.analysis.optionText }],
        })
        .expect(201);
      await acknowledge(caseId, 'analysis', o.parties);
      await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
      await acknowledge(caseId, 'deliberation', o.parties);
      await as('shuji')
        .post(`/cases/${caseId}/meetings`, {
          heldAt: new Date().toISOString(),
          place: '社区议事厅',
          attendance: o.parties.map((party) => ({
            party,
            attendees: [userIds[PARTY_ACCOUNTS[party]]],
          })),
          minutes: o.minutes,
        })
        .expect(201);
      const drafted = await as('shuji')
        .post(`/cases/${caseId}/resolutions`, {
          ...o.resolution,
          rule: 'simple-majority',
          closesAt: new Date(Date.now() + 3_600_000).toISOString(),
        })
        .expect(201);
      const resolutionId = (drafted.body as { id: string }).id;
      await as(o.voter).post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' }).expect(201);
      await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
      await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');
      await acknowledge(caseId, 'follow-up', o.parties);
      return { resolutionId };
    },
  };
}
