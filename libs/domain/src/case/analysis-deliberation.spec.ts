import { at, rejection, Scenario, SETTINGS, types } from './case.fixtures';
import { type CaseCommand, type DraftResolution, type RecordMeeting } from './commands';
import { gate } from './gates';

describe('RecordAnalysis', () => {
  it('records the analysis and publishes the notice; the notice period runs from now', () => {
    const s = Scenario.open().toAnalysis().wait(5);
    const events = s.run({
      type: 'RecordAnalysis',
      data: {
        summary: '施工缺陷',
        leadParty: 'partner-units',
        options: [{ title: '更换', description: '更换主管' }],
      },
    });
    expect(events).toEqual([
      {
        type: 'AnalysisRecorded',
        data: {
          summary: '施工缺陷',
          leadParty: 'partner-units',
          siteSurvey: null,
          options: [{ title: '更换', description: '更换主管' }],
          recordedAt: s.now,
          recordedBy: 'secretary-1',
        },
      },
      {
        type: 'NoticePublished',
        data: { publishedAt: s.now, noticePeriodEndsAt: at(s.hours + SETTINGS.noticePeriodHours) },
      },
    ]);
    expect(s.case.analysis?.leadParty).toBe('partner-units');
    expect(s.case.notice?.noticePeriodEndsAt).toBe(at(s.hours + 72));
  });

  it('restarts the notice period when the analysis is recorded again', () => {
    const s = Scenario.open().toAnalysis().analyse().wait(10).analyse(2);
    expect(s.case.analysis?.options).toHaveLength(2);
    expect(s.case.notice?.publishedAt).toBe(s.now);
    expect(s.case.notice?.noticePeriodEndsAt).toBe(at(s.hours + 72));
  });

  it('accepts a draft without options, which the gate then reports', () => {
    const s = Scenario.open().toAnalysis().analyse(0).acknowledge().wait(72);
    expect(gate(s.case, 'deliberation', s.now).map((u) => u.condition)).toEqual(['options']);
  });

  it('is recorded only in analysis', () => {
    const s = Scenario.open();
    rejection(() => s.analyse(), 'WRONG_STAGE');
    s.toDeliberation();
    rejection(() => s.analyse(), 'WRONG_STAGE');
  });

  it('refuses an unknown lead party and malformed options', () => {
    const s = Scenario.open().toAnalysis();
    const base = { summary: 's', leadParty: 'property-company', options: [] };
    const bad = [
      { ...base, leadParty: 'mayor' },
      { ...base, options: 'one' },
      { ...base, options: [{ title: 1, description: 'x' }] },
      { ...base, options: [null] },
    ];
    for (const data of bad) {
      rejection(() => s.try({ type: 'RecordAnalysis', data } as never), 'VALIDATION_FAILED');
    }
  });
});

function meeting(s: Scenario, extra: Partial<RecordMeeting['data']> = {}): CaseCommand {
  return {
    type: 'RecordMeeting',
    data: {
      meetingId: 'm1',
      heldAt: s.now,
      place: '议事厅',
      attendance: [{ party: 'party-organisation', attendees: ['u1'] }],
      minutes: '纪要',
      ...extra,
    },
  };
}

describe('RecordMeeting', () => {
  it('records the meeting, who came (the paper sheet) and the minutes, in this deliberation entry', () => {
    const s = Scenario.open().toDeliberation().wait(2);
    s.run(meeting(s, { heldAt: at(s.hours - 1) }));
    expect(s.case.meetings).toEqual([
      {
        id: 'm1',
        heldAt: at(s.hours - 1),
        place: '议事厅',
        scheduled: false,
        invitees: [],
        signIns: [
          {
            userId: 'u1',
            party: 'party-organisation',
            circle: 'party',
            at: at(s.hours - 1),
            by: 'sheet',
          },
        ],
        attendance: [{ party: 'party-organisation', attendees: ['u1'] }],
        minutes: '纪要',
        minutesFileIds: [],
        minutesRecordedAt: s.now,
        entry: 3,
        recordedAt: s.now,
        recordedBy: 'secretary-1',
      },
    ]);
  });

  it('is recorded only in deliberation', () => {
    const s = Scenario.open().toAnalysis();
    rejection(() => s.try(meeting(s)), 'WRONG_STAGE');
  });

  it('refuses a meeting in the future, a party twice, an unknown party, a duplicate id', () => {
    const s = Scenario.open().toDeliberation();
    rejection(() => s.try(meeting(s, { heldAt: at(s.hours + 1) })), 'VALIDATION_FAILED');
    const twice = [
      { party: 'owners-committee', attendees: ['a'] },
      { party: 'owners-committee', attendees: ['b'] },
    ] as const;
    rejection(() => s.try(meeting(s, { attendance: twice })), 'VALIDATION_FAILED');
    const unknown = [{ party: 'mayor', attendees: ['a'] }];
    rejection(() => s.try(meeting(s, { attendance: unknown as never })), 'VALIDATION_FAILED');
    const blank = [{ party: 'owners-committee', attendees: [''] }] as const;
    rejection(() => s.try(meeting(s, { attendance: blank })), 'VALIDATION_FAILED');
    s.run(meeting(s));
    rejection(() => s.try(meeting(s)), 'ALREADY_EXISTS');
  });
});

function draft(s: Scenario, extra: Partial<DraftResolution['data']> = {}): CaseCommand {
  return {
    type: 'DraftResolution',
    data: {
      resolutionId: 'r1',
      title: '更换排水管',
      text: '决议正文',
      rule: 'civil-code-278',
      matter: 'ordinary',
      closesAt: at(s.hours + 24),
      ...extra,
    },
  };
}

describe('DraftResolution', () => {
  it('drafts an open resolution in deliberation', () => {
    const s = Scenario.open().toDeliberation();
    s.run(draft(s, { matter: 'major' }));
    expect(s.case.resolutions).toEqual([
      {
        id: 'r1',
        title: '更换排水管',
        text: '决议正文',
        rule: 'civil-code-278',
        matter: 'major',
        closesAt: at(s.hours + 24),
        status: 'open',
        entry: 3,
        draftedAt: s.now,
        draftedBy: 'secretary-1',
        tally: null,
        decidedAt: null,
      },
    ]);
  });

  it('is drafted only in deliberation', () => {
    const s = Scenario.open().toAnalysis();
    rejection(() => s.try(draft(s)), 'WRONG_STAGE');
  });

  it('closes voting in the future', () => {
    const s = Scenario.open().toDeliberation();
    rejection(() => s.try(draft(s, { closesAt: s.now })), 'VALIDATION_FAILED');
    rejection(() => s.try(draft(s, { closesAt: 'tomorrow' })), 'VALIDATION_FAILED');
  });

  it('puts a major matter to an Article 278 vote, never a simple majority', () => {
    const s = Scenario.open().toDeliberation();
    const error = rejection(
      () => s.try(draft(s, { matter: 'major', rule: 'simple-majority' })),
      'VALIDATION_FAILED',
    );
    expect(error.message).toContain('二百七十八');
  });

  it('lets one resolution be voted on at a time, and refuses a duplicate id', () => {
    const s = Scenario.open().toDeliberation();
    s.run(draft(s));
    rejection(() => s.try(draft(s, { resolutionId: 'r2' })), 'ALREADY_EXISTS');
    s.run({ type: 'RecordVoteResult', data: { resolutionId: 'r1', passed: true, tally: {} } });
    rejection(() => s.try(draft(s)), 'ALREADY_EXISTS');
    expect(types(s.try(draft(s, { resolutionId: 'r2' })))).toEqual(['ResolutionDrafted']);
  });

  it('refuses an unknown rule or matter', () => {
    const s = Scenario.open().toDeliberation();
    rejection(() => s.try(draft(s, { rule: 'unanimity' as never })), 'VALIDATION_FAILED');
    rejection(() => s.try(draft(s, { matter: 'minor' as never })), 'VALIDATION_FAILED');
  });
});

describe('RecordVoteResult', () => {
  const result = (passed: boolean, tally: object = { for: 3 }): CaseCommand => ({
    type: 'RecordVoteResult',
    data: { resolutionId: 'r1', passed, tally: tally as never },
  });

  it('records a passed vote with its tally', () => {
    const s = Scenario.open().toDeliberation();
    s.run(draft(s));
    s.run(result(true, { for: 3, explanation: '过半数' }));
    expect(s.case.resolutions[0]).toMatchObject({
      status: 'passed',
      tally: { for: 3, explanation: '过半数' },
      decidedAt: s.now,
    });
    expect(s.case.stage).toBe('deliberation');
  });

  it('sends the case back to analysis on a failed vote; the analysis must be recorded again', () => {
    const s = Scenario.open().toDeliberation().acknowledge().meet();
    s.run(draft(s));
    const events = s.run(result(false));
    expect(types(events)).toEqual(['VoteRecorded', 'StageReturned', 'StageEntered']);
    expect(events[1]).toEqual({
      type: 'StageReturned',
      data: {
        from: 'deliberation',
        to: 'analysis',
        reason: 'vote-failed',
        resolutionId: 'r1',
        returnedAt: s.now,
      },
    });
    expect(events[2]).toMatchObject({
      type: 'StageEntered',
      data: { stage: 'analysis', entry: 4, cause: 'returned' },
    });
    expect(s.case).toMatchObject({ stage: 'analysis', analysis: null, notice: null });
    expect(s.case.resolutions[0]?.status).toBe('failed');
    expect(gate(s.case, 'deliberation', s.now).map((u) => u.condition)).toEqual([
      'lead-party',
      'options',
      'notice-period',
      ...s.case.parties.map(() => 'acknowledgement'),
    ]);
  });

  it('needs a new meeting and a new resolution after coming back to deliberation', () => {
    const s = Scenario.open().toDeliberation().acknowledge().meet();
    s.run(draft(s));
    s.run(result(false));
    s.analyse().acknowledge().wait(72).advance();
    expect(s.case.stage).toBe('deliberation');
    s.acknowledge();
    expect(gate(s.case, 'follow-up', s.now).map((u) => u.condition)).toEqual([
      'meeting',
      'resolution-passed',
    ]);
    s.meet().resolve(true);
    expect(types(s.advance())).toEqual(['StageAdvanced', 'StageEntered']);
    expect(s.case.stageHistory.map((e) => e.stage)).toEqual([
      'gathering',
      'analysis',
      'deliberation',
      'analysis',
      'deliberation',
      'follow-up',
    ]);
  });

  it('enters analysis with new settings when the command carries them', () => {
    const s = Scenario.open().toDeliberation();
    s.run(draft(s));
    const settings = { ...SETTINGS, acknowledgementHours: 10, noticePeriodHours: 1 };
    s.run({
      type: 'RecordVoteResult',
      data: { resolutionId: 'r1', passed: false, tally: {}, settings },
    });
    expect(s.case.settings).toEqual(settings);
    expect(s.case.parties[0]?.stages.at(-1)?.deadline).toBe(at(s.hours + 10));
    s.analyse();
    expect(s.case.notice?.noticePeriodEndsAt).toBe(at(s.hours + 1));
  });

  it('changes nothing when the same result comes again, and refuses a different one', () => {
    const s = Scenario.open().toDeliberation();
    s.run(draft(s));
    s.run(result(true));
    expect(s.try(result(true))).toEqual([]);
    rejection(() => s.try(result(false)), 'ALREADY_EXISTS');
  });

  it('refuses an unknown resolution, a tally that is not plain JSON, a result that is not boolean', () => {
    const s = Scenario.open().toDeliberation();
    s.run(draft(s));
    const unknown = {
      type: 'RecordVoteResult',
      data: { resolutionId: 'r9', passed: true, tally: {} },
    };
    rejection(() => s.try(unknown as never), 'NOT_FOUND');
    for (const tally of [{ when: new Date() }, { n: NaN }, { f: undefined }, [], null]) {
      rejection(() => s.try(result(true, tally as never)), 'VALIDATION_FAILED');
    }
    const yes = {
      type: 'RecordVoteResult',
      data: { resolutionId: 'r1', passed: 'yes', tally: {} },
    };
    rejection(() => s.try(yes as never), 'VALIDATION_FAILED');
  });
});

describe('closing a case while a vote is open', () => {
  const draft = (s: Scenario, resolutionId: string) =>
    s.run({
      type: 'DraftResolution',
      data: {
        resolutionId,
        title: '更换排水管',
        text: '由物业牵头更换12号楼主排水管',
        rule: 'civil-code-278',
        matter: 'ordinary',
        closesAt: at(s.hours + 48),
      },
    });

  it('cancels the vote with the reason, so a reopened case is not stuck behind it', () => {
    const s = Scenario.open('five-party-hall').toDeliberation().acknowledge().meet();
    draft(s, 'r1');
    const closing = s.run({
      type: 'CloseCase',
      data: { outcome: 'unresolved', reason: '业主申请撤回' },
    });
    expect(types(closing)).toEqual(['ResolutionCancelled', 'CaseClosed']);
    expect(closing[0]).toMatchObject({ data: { resolutionId: 'r1', reason: 'case-closed' } });
    expect(s.case.resolutions[0]).toMatchObject({ status: 'cancelled', decidedAt: s.now });
    // A cancelled vote takes no result.
    expect(() =>
      s.try({ type: 'RecordVoteResult', data: { resolutionId: 'r1', passed: true, tally: {} } }),
    ).toThrow();

    s.run({ type: 'ReopenCase', data: { reason: '重新议事' } });
    expect(s.case.stage).toBe('deliberation');
    // Nothing open: a new resolution may be drafted and voted on.
    expect(() => draft(s, 'r2')).not.toThrow();
    expect(s.case.resolutions.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'cancelled'],
      ['r2', 'open'],
    ]);
  });

  it('closes a case without an open vote exactly as before', () => {
    const s = Scenario.open('five-party-hall').toDeliberation().acknowledge().meet();
    s.resolve(true);
    expect(types(s.run({ type: 'CloseCase', data: { outcome: 'withdrawn' } }))).toEqual([
      'CaseClosed',
    ]);
  });
});
