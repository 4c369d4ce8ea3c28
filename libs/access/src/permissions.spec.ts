import { type Party, type Role } from '@yishi/domain';
import { asksAboutParties, authorize, type Caller, type CallerDepartment } from './authorize';
import { PERMISSIONS, ruleFor, type Action, type Rule } from './permissions';

const member = (roles: Role[], party: Party | null = null): Caller => ({
  userId: 'u',
  admin: false,
  secretaryAnywhere: roles.includes('secretary'),
  membership: { roles, party },
});
const outsider: Caller = { userId: 'o', admin: false, secretaryAnywhere: false };
const admin: Caller = { userId: 'a', admin: true, secretaryAnywhere: false };

describe('the permission table', () => {
  it('every community-scoped action is closed to users outside the community', () => {
    for (const [action, rule] of Object.entries(PERMISSIONS) as [Action, Rule][])
      if (rule.scope === 'community')
        expect([action, authorize(rule, outsider)]).toEqual([action, false]);
  });

  it('only the open actions need no token', () => {
    const open = (Object.keys(PERMISSIONS) as Action[]).filter((a) =>
      authorize(ruleFor(a), undefined),
    );
    // Open311 GeoReport v2 is public by the spec: its reads show no personal field, and a
    // submission is refused without a secretary's api_key (checked in the use case).
    expect(open.sort()).toEqual([
      'auth.token',
      'health.read',
      'metrics.read',
      'open311.read',
      'open311.submit',
    ]);
  });

  it('a resident cannot import units, change settings or manage members', () => {
    const resident = member(['resident']);
    for (const a of [
      'units.import',
      'settings.update',
      'memberships.create',
      'audit.read',
    ] as const)
      expect(authorize(ruleFor(a), resident)).toBe(false);
    expect(authorize(ruleFor('units.list'), resident)).toBe(true);
  });

  it('a property company member reads but does not administer', () => {
    const wuye = member(['party-member'], 'property-company');
    expect(authorize(ruleFor('communities.read'), wuye)).toBe(true);
    expect(authorize(ruleFor('units.import'), wuye)).toBe(false);
    expect(authorize(ruleFor('users.create'), wuye)).toBe(false);
  });

  it('only the admin gives the secretary role or creates communities', () => {
    expect(
      authorize(
        ruleFor('memberships.grant-secretary'),
        member(['secretary'], 'party-organisation'),
      ),
    ).toBe(false);
    expect(authorize(ruleFor('memberships.grant-secretary'), admin)).toBe(true);
    expect(
      authorize(ruleFor('communities.create'), member(['secretary'], 'party-organisation')),
    ).toBe(false);
  });

  it("a case's handler (case worker) has the secretary's case actions on that case only", () => {
    const worker = member(['case-worker']);
    const secretaryOnly = (Object.keys(PERMISSIONS) as Action[]).filter(
      (a) =>
        a.startsWith('cases.') &&
        (ruleFor(a).allow as readonly unknown[]).includes('secretary') &&
        !(ruleFor(a).allow as readonly unknown[]).some(
          (g) => g === 'member' || g === 'party-member' || g === 'resident',
        ),
    );
    expect(secretaryOnly).toEqual(
      expect.arrayContaining(['cases.analysis', 'cases.advance', 'cases.task']),
    );
    for (const a of secretaryOnly) {
      const handles = !['cases.open', 'cases.reopen', 'cases.handler'].includes(a);
      expect([a, authorize(ruleFor(a), worker, { handlerId: 'u' })]).toEqual([a, handles]);
      expect([a, authorize(ruleFor(a), worker, { handlerId: 'someone-else' })]).toEqual([a, false]);
      expect([a, authorize(ruleFor(a), worker, { handlerId: null })]).toEqual([a, false]);
      expect([a, authorize(ruleFor(a), worker)]).toEqual([a, false]);
    }
    expect(authorize(ruleFor('tasks.reassign'), worker, { handlerId: 'u' })).toBe(true);
    // The grant is the case worker's: a resident named handler (or one who lost the role) has none.
    expect(authorize(ruleFor('cases.advance'), member(['resident']), { handlerId: 'u' })).toBe(
      false,
    );
    expect(asksAboutParties(ruleFor('cases.advance'))).toBe(true);
    expect(asksAboutParties(ruleFor('cases.open'))).toBe(false);
  });

  it('party grants match the party the resource names', () => {
    const rule: Rule = {
      allow: [{ role: 'party-member', party: 'lead-party' }],
      scope: 'community',
      summary: '',
    };
    const wuye = member(['party-member'], 'property-company');
    expect(authorize(rule, wuye, { leadParty: 'property-company' })).toBe(true);
    expect(authorize(rule, wuye, { leadParty: 'owners-committee' })).toBe(false);
    expect(authorize(rule, wuye, {})).toBe(false);
    expect(authorize(rule, member(['resident']), { leadParty: 'property-company' })).toBe(false);
  });

  it('says which rules need the resource parties looked up: exactly those granting by them', () => {
    // A rule that grants by the lead or assignee party, or by the case's handler, is decided by
    // them; any other is not, so the guard may skip looking them up (the community alone,
    // remembered, decides).
    for (const [action, rule] of Object.entries(PERMISSIONS) as [Action, Rule][]) {
      const byParties = rule.allow.some(
        (g) =>
          g === 'case-handler' ||
          (typeof g === 'object' && (g.party === 'lead-party' || g.party === 'assignee-party')),
      );
      expect([action, asksAboutParties(rule)]).toEqual([action, byParties]);
      if (!byParties) {
        const wuye = member(['party-member'], 'property-company');
        expect(authorize(rule, wuye, { leadParty: 'property-company' })).toBe(
          authorize(rule, wuye, {}),
        );
        const worker = member(['case-worker']);
        expect(authorize(rule, worker, { handlerId: 'u' })).toBe(authorize(rule, worker, {}));
      }
    }
    expect(asksAboutParties(ruleFor('tasks.progress'))).toBe(true);
    expect(asksAboutParties(ruleFor('resolutions.ballot'))).toBe(false);
  });

  it("a task's progress and completion belong to the assignee party's members, the secretary's only for the party organisation", () => {
    const wuye = member(['party-member'], 'property-company');
    const secretary = member(['secretary'], 'party-organisation');
    for (const action of ['tasks.progress', 'tasks.complete'] as const) {
      const rule = ruleFor(action);
      expect(authorize(rule, wuye, { assigneeParty: 'property-company' })).toBe(true);
      expect(authorize(rule, wuye, { assigneeParty: 'partner-units' })).toBe(false);
      expect(authorize(rule, wuye, { leadParty: 'property-company' })).toBe(false);
      expect(authorize(rule, secretary, { assigneeParty: 'property-company' })).toBe(false);
      expect(authorize(rule, secretary, { assigneeParty: 'party-organisation' })).toBe(true);
      expect(authorize(rule, member(['resident']), { assigneeParty: 'property-company' })).toBe(
        false,
      );
    }
    const reassign = ruleFor('tasks.reassign');
    expect(authorize(reassign, secretary, {})).toBe(true);
    expect(authorize(reassign, wuye, { leadParty: 'property-company' })).toBe(true);
    expect(authorize(reassign, wuye, { assigneeParty: 'property-company' })).toBe(false);
  });

  it('residents evaluate; any member reaches the ballot box, whose standing rules the vote checks', () => {
    const resident = member(['resident']);
    const wuye = member(['party-member'], 'property-company');
    const secretary = member(['secretary'], 'party-organisation');
    const lead = member(['building-lead']);
    expect(authorize(ruleFor('cases.evaluate'), resident)).toBe(true);
    expect(authorize(ruleFor('cases.evaluate'), wuye)).toBe(false);
    expect(authorize(ruleFor('cases.evaluate'), secretary)).toBe(false);
    // Owners, agents under a proxy (any member) and building leads entering paper ballots.
    for (const who of [resident, wuye, lead])
      expect(authorize(ruleFor('resolutions.ballot'), who)).toBe(true);
    expect(
      authorize(ruleFor('resolutions.ballot'), {
        userId: 'x',
        admin: false,
        secretaryAnywhere: false,
      }),
    ).toBe(false);
    expect(authorize(ruleFor('proxies.register'), resident)).toBe(true);
    expect(authorize(ruleFor('proxies.register'), lead)).toBe(false);
    for (const action of ['cases.resolution', 'cases.task', 'resolutions.close'] as const) {
      expect(authorize(ruleFor(action), secretary)).toBe(true);
      expect(authorize(ruleFor(action), wuye)).toBe(false);
      expect(authorize(ruleFor(action), resident)).toBe(false);
    }
  });

  describe('streets and departments', () => {
    const inStreet = (...departments: CallerDepartment[]): Caller => ({
      userId: 'd',
      admin: false,
      secretaryAnywhere: false,
      departments,
    });
    const officer = inStreet({ departmentId: 'office', kind: 'street-office', role: 'dispatcher' });
    const dispatcher = inStreet({ departmentId: 'cg', kind: 'department', role: 'dispatcher' });
    const staff = inStreet({ departmentId: 'cg', kind: 'department', role: 'staff' });
    const otherStaff = inStreet({ departmentId: 'zj', kind: 'department', role: 'staff' });
    const cg = { departmentIds: ['cg'] };

    it('every street- or department-scoped action is closed to users with no department in the street', () => {
      const scoped = (Object.entries(PERMISSIONS) as [Action, Rule][]).filter(([, r]) =>
        (['street', 'department'] as string[]).includes(r.scope),
      );
      expect(scoped.length).toBeGreaterThanOrEqual(8);
      for (const [action, rule] of scoped)
        for (const who of [outsider, inStreet(), member(['secretary'], 'party-organisation')])
          expect([action, authorize(rule, who, cg)]).toEqual([action, false]);
    });

    it("the street's officers manage departments and members; a department's own people do not", () => {
      for (const action of [
        'departments.create',
        'department-members.add',
        'department-members.remove',
      ] as const) {
        expect(authorize(ruleFor(action), officer, cg)).toBe(true);
        expect(authorize(ruleFor(action), admin, cg)).toBe(true);
        for (const who of [dispatcher, staff, otherStaff])
          expect([action, authorize(ruleFor(action), who, cg)]).toEqual([action, false]);
      }
      // Officers are named by the admin alone.
      expect(authorize(ruleFor('streets.add-officer'), officer)).toBe(false);
      expect(authorize(ruleFor('streets.add-officer'), admin)).toBe(true);
    });

    it("a department's members read its members; another department's do not; any of the street's read the street", () => {
      const rule = ruleFor('department-members.list');
      expect(authorize(rule, dispatcher, cg)).toBe(true);
      expect(authorize(rule, staff, cg)).toBe(true);
      expect(authorize(rule, otherStaff, cg)).toBe(false);
      expect(authorize(rule, officer, cg)).toBe(true);
      for (const who of [officer, dispatcher, staff, otherStaff])
        expect(authorize(ruleFor('streets.read'), who)).toBe(true);
    });

    it("department-dispatcher grants the dispatchers of the request's department only", () => {
      const rule: Rule = { allow: ['department-dispatcher'], scope: 'department', summary: '' };
      expect(authorize(rule, dispatcher, cg)).toBe(true);
      expect(authorize(rule, staff, cg)).toBe(false);
      expect(authorize(rule, dispatcher, { departmentIds: ['zj'] })).toBe(false);
      expect(authorize(rule, dispatcher, {})).toBe(false);
      // A whistle's several departments: a dispatcher of any of them.
      expect(authorize(rule, dispatcher, { departmentIds: ['zj', 'cg'] })).toBe(true);
    });

    it("on a whistle: its departments act, their dispatcher passes it on, the secretary rates, the street's officers read", () => {
      const secretary = member(['secretary'], 'party-organisation');
      for (const action of ['whistles.accept', 'whistles.check-in', 'whistles.feedback'] as const) {
        expect([action, authorize(ruleFor(action), staff, cg)]).toEqual([action, true]);
        for (const who of [otherStaff, officer, secretary, outsider])
          expect([action, authorize(ruleFor(action), who, cg)]).toEqual([action, false]);
      }
      expect(authorize(ruleFor('whistles.transfer'), dispatcher, cg)).toBe(true);
      expect(authorize(ruleFor('whistles.transfer'), staff, cg)).toBe(false);
      for (const action of ['whistles.rate', 'whistles.withdraw'] as const) {
        expect(authorize(ruleFor(action), secretary, cg)).toBe(true);
        for (const who of [dispatcher, staff, officer])
          expect([action, authorize(ruleFor(action), who, cg)]).toEqual([action, false]);
      }
      const read = ruleFor('whistles.read');
      for (const who of [secretary, officer, staff, dispatcher])
        expect(authorize(read, who, cg)).toBe(true);
      for (const who of [otherStaff, outsider, member(['resident'], null)])
        expect(authorize(read, who, cg)).toBe(false);
      // Passed on: the department is no longer on the whistle, and no longer reads or acts on it.
      expect(authorize(read, staff, { departmentIds: ['zj'] })).toBe(false);
      expect(authorize(ruleFor('whistles.accept'), staff, { departmentIds: ['zj'] })).toBe(false);
    });
  });
});
