import { at, openCommand, rejection, Scenario, SETTINGS, types } from './case.fixtures';
import { type CaseCommand } from './commands';
import { decide } from './decide';
import { gate } from './gates';
import { PARTIES } from './types';

describe('OpenCase', () => {
  it('opens in gathering with every party listed and the settings kept', () => {
    const s = Scenario.open();
    expect(types(s.events)).toEqual(['CaseOpened', 'StageEntered']);
    expect(s.case).toMatchObject({
      id: 'case-1',
      communityId: 'community-1',
      mechanism: 'five-party-hall',
      stage: 'gathering',
      status: 'open',
      settings: SETTINGS,
      scope: { estate: '金台和庄', building: '12', entrance: '2' },
      openedAt: at(0),
      openedBy: 'secretary-1',
      closedAt: null,
      closure: null,
    });
    expect(s.case.parties.map((p) => p.party)).toEqual([...PARTIES]);
  });

  it('writes times in one UTC form whatever offset the context uses', () => {
    const events = decide(openCommand(), null, {
      now: '2025-03-01T08:00:00+08:00',
      actorId: 'secretary-1',
    });
    expect(events[0]?.type === 'CaseOpened' && events[0].data.openedAt).toBe(
      '2025-03-01T00:00:00.000Z',
    );
  });

  it('stores an absent building and entrance as null', () => {
    const s = Scenario.open('five-party-hall', { scope: { estate: '金台和庄' } });
    expect(s.case.scope).toEqual({ estate: '金台和庄', building: null, entrance: null });
  });

  it('requires all five parties in a five-party hall, whatever is named as involved', () => {
    const s = Scenario.open('five-party-hall', { involvedParties: ['partner-units'] });
    expect(s.case.parties.filter((p) => p.required)).toHaveLength(5);
  });

  it('requires the party organisation, the representatives and the named parties in a consultation', () => {
    const s = Scenario.open('neighbourhood-consultation', {
      involvedParties: ['partner-units', 'partner-units', 'party-organisation'],
    });
    expect(s.case.parties.filter((p) => p.required).map((p) => p.party)).toEqual([
      'party-organisation',
      'resident-representatives',
      'partner-units',
    ]);
  });

  it('sets each required party a deadline, and no deadline for the others', () => {
    const s = Scenario.open('neighbourhood-consultation');
    const records = s.case.parties.map((p) => [p.party, p.stages[0]?.deadline]);
    expect(records).toEqual([
      ['party-organisation', at(48)],
      ['owners-committee', null],
      ['property-company', null],
      ['resident-representatives', at(48)],
      ['partner-units', null],
    ]);
  });

  it('never reminds before the stage was entered, and takes zero and fractional hours', () => {
    const s = Scenario.open('five-party-hall', {
      settings: { ...SETTINGS, acknowledgementHours: 1.5, reminderBeforeHours: 3 },
    });
    expect(s.case.parties[0]?.stages[0]).toMatchObject({ deadline: at(1.5), remindAt: at(0) });
    const zero = Scenario.open('five-party-hall', {
      settings: { ...SETTINGS, acknowledgementHours: 0, reminderBeforeHours: 0 },
    });
    expect(zero.case.parties[0]?.stages[0]).toMatchObject({ deadline: at(0), remindAt: at(0) });
  });

  it('refuses a case that exists already', () => {
    const s = Scenario.open();
    rejection(() => s.try(openCommand()), 'ALREADY_EXISTS');
  });

  it.each([
    ['an unknown mechanism', { mechanism: 'town-hall' }],
    ['an unknown involved party', { involvedParties: ['street-office'] }],
    ['a blank case id', { caseId: ' ' }],
    ['no scope', { scope: null }],
    ['negative hours', { settings: { ...SETTINGS, noticePeriodHours: -1 } }],
    ['infinite hours', { settings: { ...SETTINGS, evaluationWindowHours: Infinity } }],
    [
      'a threshold above one',
      { settings: { ...SETTINGS, satisfactionThreshold: { numerator: 4, denominator: 3 } } },
    ],
    [
      'a zero denominator',
      { settings: { ...SETTINGS, satisfactionThreshold: { numerator: 0, denominator: 0 } } },
    ],
    [
      'a fractional numerator',
      { settings: { ...SETTINGS, satisfactionThreshold: { numerator: 0.5, denominator: 1 } } },
    ],
  ])('refuses %s', (_, extra) => {
    const command = openCommand('five-party-hall', extra as never);
    rejection(() => decide(command, null, { now: at(0), actorId: 's' }), 'VALIDATION_FAILED');
  });

  it('refuses a context without a usable time or actor', () => {
    for (const now of ['yesterday', '2025-03-01', '2025-03-01T00:00:00', '']) {
      rejection(() => decide(openCommand(), null, { now, actorId: 's' }), 'VALIDATION_FAILED');
    }
    rejection(() => decide(openCommand(), null, { now: at(0), actorId: '' }), 'VALIDATION_FAILED');
  });

  it('finds no case for any other command before it is opened', () => {
    const command: CaseCommand = { type: 'RequestAdvance', data: { to: 'analysis' } };
    rejection(() => decide(command, null, { now: at(0), actorId: 's' }), 'NOT_FOUND');
  });

  it('refuses an unknown command', () => {
    const s = Scenario.open();
    rejection(() => s.try({ type: 'Explode', data: {} } as never), 'VALIDATION_FAILED');
    rejection(() => s.try({ type: 'SubmitDemand' } as never), 'VALIDATION_FAILED');
    rejection(() => s.try({ type: { toString: 0 }, data: {} } as never), 'VALIDATION_FAILED');
    rejection(() => s.try(null as never), 'VALIDATION_FAILED');
    rejection(() => decide(openCommand(), null, null as never), 'VALIDATION_FAILED');
  });
});

describe('SubmitDemand', () => {
  it('records a demand with who submitted it and when', () => {
    const s = Scenario.open().wait(2);
    s.run(
      { type: 'SubmitDemand', data: { demandId: 'd1', content: '下水道堵塞', source: 'hotline' } },
      { actorId: 'grid-worker-1' },
    );
    expect(s.case.demands).toEqual([
      {
        id: 'd1',
        content: '下水道堵塞',
        source: 'hotline',
        unitId: null,
        submittedAt: at(2),
        submittedBy: 'grid-worker-1',
      },
    ]);
  });

  it('refuses a second demand with the same id', () => {
    const s = Scenario.open().demand('d1');
    rejection(() => s.demand('d1'), 'ALREADY_EXISTS');
  });

  it('accepts demands only in gathering', () => {
    const s = Scenario.open().toAnalysis();
    const error = rejection(() => s.demand('late'), 'WRONG_STAGE');
    expect(error.message).toContain('了解诉求');
    expect(error.details).toEqual({ stage: 'analysis', required: 'gathering' });
  });

  it('refuses an unknown source', () => {
    const s = Scenario.open();
    const command = { type: 'SubmitDemand', data: { demandId: 'd', content: 'x', source: 'fax' } };
    rejection(() => s.try(command as never), 'VALIDATION_FAILED');
  });
});

describe('Acknowledge', () => {
  it('records the acknowledgement of the current stage, on time before the deadline', () => {
    const s = Scenario.open().wait(47);
    const events = s.run({
      type: 'Acknowledge',
      data: { party: 'property-company', stage: 'gathering' },
    });
    expect(events).toEqual([
      {
        type: 'StageAcknowledged',
        data: {
          party: 'property-company',
          stage: 'gathering',
          entry: 1,
          acknowledgedAt: at(47),
          acknowledgedBy: 'secretary-1',
          onTime: true,
        },
      },
    ]);
    const party = s.case.parties.find((p) => p.party === 'property-company');
    expect(party?.acknowledgedStages).toEqual(['gathering']);
    expect(party?.stages[0]?.acknowledgedAt).toBe(at(47));
  });

  it('marks an acknowledgement after the deadline as late', () => {
    const s = Scenario.open().wait(48.01);
    const [event] = s.run({
      type: 'Acknowledge',
      data: { party: 'owners-committee', stage: 'gathering' },
    });
    expect(event?.type === 'StageAcknowledged' && event.data.onTime).toBe(false);
  });

  it('writes nothing when repeated, and says the stage is acknowledged (not a wrong stage)', () => {
    const s = Scenario.open().acknowledge(['owners-committee']);
    const again = { type: 'Acknowledge', data: { party: 'owners-committee', stage: 'gathering' } };
    rejection(() => s.try(again as CaseCommand), 'ALREADY_ACKNOWLEDGED');
    expect(() => s.try(again as CaseCommand)).toThrow(
      /^本阶段已签收（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）$/,
    );
  });

  it('answers ALREADY_ACKNOWLEDGED for a stage the case has left, if the party signed it', () => {
    const s = Scenario.open('neighbourhood-consultation').toAnalysis();
    expect(s.case.stage).toBe('analysis');
    const stale = {
      type: 'Acknowledge',
      data: { party: 'party-organisation', stage: 'gathering' },
    };
    rejection(() => s.try(stale as CaseCommand), 'ALREADY_ACKNOWLEDGED');
    // A party that never signed the stage it names still hears that it is not the current one.
    const silent = s.case.parties.find((p) => !p.acknowledgedStages.includes('gathering'));
    expect(silent).toBeDefined();
    const never = { type: 'Acknowledge', data: { party: silent?.party, stage: 'gathering' } };
    rejection(() => s.try(never as CaseCommand), 'WRONG_STAGE');
  });

  it('acknowledges only the stage the case is in', () => {
    const s = Scenario.open();
    const command: CaseCommand = {
      type: 'Acknowledge',
      data: { party: 'owners-committee', stage: 'analysis' },
    };
    rejection(() => s.try(command), 'WRONG_STAGE');
  });

  it('refuses an unknown party or stage', () => {
    const s = Scenario.open();
    const party = { type: 'Acknowledge', data: { party: 'street-office', stage: 'gathering' } };
    rejection(() => s.try(party as never), 'VALIDATION_FAILED');
    const stage = { type: 'Acknowledge', data: { party: 'owners-committee', stage: 'closed' } };
    rejection(() => s.try(stage as never), 'VALIDATION_FAILED');
  });

  it('records a party that is not required, without a deadline, and the gate ignores it', () => {
    const s = Scenario.open('neighbourhood-consultation').demand();
    const [event] = s.run({
      type: 'Acknowledge',
      data: { party: 'property-company', stage: 'gathering' },
    });
    expect(event?.type === 'StageAcknowledged' && event.data.onTime).toBeNull();
    expect(gate(s.case, 'analysis', s.now).map((u) => u.party)).toEqual([
      'party-organisation',
      'resident-representatives',
    ]);
  });

  it('is accepted after an escalation, late', () => {
    const s = Scenario.open().wait(49);
    s.run({ type: 'EscalateParty', data: { party: 'owners-committee', stage: 'gathering' } });
    const [event] = s.run({
      type: 'Acknowledge',
      data: { party: 'owners-committee', stage: 'gathering' },
    });
    expect(event?.type === 'StageAcknowledged' && event.data.onTime).toBe(false);
    const party = s.case.parties.find((p) => p.party === 'owners-committee');
    expect(party?.escalatedStages).toEqual(['gathering']);
    expect(party?.acknowledgedStages).toEqual(['gathering']);
  });
});

describe('EscalateParty (吹哨)', () => {
  const escalate = (party: 'owners-committee' | 'property-company' = 'owners-committee') =>
    ({ type: 'EscalateParty', data: { party, stage: 'gathering' } }) as const;

  it('escalates a required party whose deadline passed without an acknowledgement', () => {
    const s = Scenario.open().wait(48);
    expect(s.run(escalate())).toEqual([
      {
        type: 'PartyEscalated',
        data: {
          party: 'owners-committee',
          stage: 'gathering',
          entry: 1,
          deadline: at(48),
          escalatedAt: at(48),
        },
      },
    ]);
  });

  it('waits for the deadline', () => {
    const s = Scenario.open().wait(47.9);
    rejection(() => s.try(escalate()), 'WRONG_STAGE');
  });

  it('does nothing for a party that acknowledged, or was escalated already', () => {
    const s = Scenario.open().acknowledge(['owners-committee']).wait(50);
    expect(s.try(escalate())).toEqual([]);
    s.run(escalate('property-company'));
    expect(s.try(escalate('property-company'))).toEqual([]);
  });

  it('never escalates a party that is not required', () => {
    const s = Scenario.open('neighbourhood-consultation').wait(50);
    rejection(() => s.try(escalate('property-company')), 'VALIDATION_FAILED');
  });

  it('refuses a timer for another stage, or another entry of this stage', () => {
    const s = Scenario.open().toAnalysis().wait(50);
    rejection(() => s.try(escalate()), 'WRONG_STAGE');
    const analysis = { party: 'owners-committee', stage: 'analysis' } as const;
    rejection(
      () => s.try({ type: 'EscalateParty', data: { ...analysis, entry: 1 } }),
      'WRONG_STAGE',
    );
    expect(types(s.try({ type: 'EscalateParty', data: { ...analysis, entry: 2 } }))).toEqual([
      'PartyEscalated',
    ]);
  });

  it('stands in for the acknowledgement at the gate', () => {
    const s = Scenario.open().demand().acknowledge(['party-organisation', 'property-company']);
    s.wait(48);
    for (const party of [
      'owners-committee',
      'resident-representatives',
      'partner-units',
    ] as const) {
      s.run({ type: 'EscalateParty', data: { party, stage: 'gathering' } });
    }
    expect(gate(s.case, 'analysis', s.now)).toEqual([]);
  });
});

describe('PostOpinion', () => {
  it('records a response in any stage, with its author, party and stage', () => {
    const s = Scenario.open().toAnalysis().wait(1);
    s.run(
      { type: 'PostOpinion', data: { opinionId: 'o1', content: '物业愿意承担维修' } },
      { actorId: 'pm-1', party: 'property-company' },
    );
    s.run(
      { type: 'PostOpinion', data: { opinionId: 'o2', content: '同意', replyTo: 'o1' } },
      { actorId: 'resident-1' },
    );
    expect(s.case.opinions).toEqual([
      {
        id: 'o1',
        content: '物业愿意承担维修',
        replyTo: null,
        party: 'property-company',
        stage: 'analysis',
        postedAt: at(1),
        authorId: 'pm-1',
      },
      {
        id: 'o2',
        content: '同意',
        replyTo: 'o1',
        party: null,
        stage: 'analysis',
        postedAt: at(1),
        authorId: 'resident-1',
      },
    ]);
  });

  it('takes the party from the command over the context', () => {
    const s = Scenario.open();
    s.run(
      { type: 'PostOpinion', data: { opinionId: 'o1', content: 'x', party: 'partner-units' } },
      { party: 'property-company' },
    );
    expect(s.case.opinions[0]?.party).toBe('partner-units');
  });

  it('replies only to an opinion that exists', () => {
    const s = Scenario.open();
    const command: CaseCommand = {
      type: 'PostOpinion',
      data: { opinionId: 'o1', content: 'x', replyTo: 'missing' },
    };
    rejection(() => s.try(command), 'NOT_FOUND');
  });

  it('refuses a duplicate id, and an unknown party', () => {
    const s = Scenario.open();
    s.run({ type: 'PostOpinion', data: { opinionId: 'o1', content: 'x' } });
    rejection(
      () => s.try({ type: 'PostOpinion', data: { opinionId: 'o1', content: 'y' } }),
      'ALREADY_EXISTS',
    );
    const command = { type: 'PostOpinion', data: { opinionId: 'o2', content: 'y', party: 'x' } };
    rejection(() => s.try(command as never), 'VALIDATION_FAILED');
  });
});
