import {
  escapeRobotText,
  excerpt,
  renderRobotMessage,
  renderRobotTest,
  robotBody,
  ROBOT_EXCERPT_CHARS,
} from './robot-messages';

/* The group-chat robots' markdown: the three messages, Chinese CST times, and escaping. */
describe('grid robot messages', () => {
  const demand = {
    number: 'XY-20261207-0001',
    categoryLabel: '公共设施',
    content: '12号楼前的路灯坏了三天，晚上老人出门看不清。',
    place: '金泰和庄 12号楼 2单元',
    statusLabel: '待签收',
    dueAt: '2026-12-08T00:12:00Z',
    link: 'https://yishi.example.cn/demands/7f1d?tab=timeline',
  };

  it('renders a new demand: number, category, place, status, deadline in CST, content, link', () => {
    const m = renderRobotMessage('demand-received', demand);
    expect(m.title).toBe('新诉求 XY-20261207-0001');
    expect(m.markdown).toBe(
      [
        '### 【新诉求】XY-20261207-0001',
        '**类别**：公共设施',
        '**地点**：金泰和庄 12号楼 2单元',
        '**状态**：待签收',
        '**办理时限**：2026年12月8日 08:12',
        '**内容**：12号楼前的路灯坏了三天，晚上老人出门看不清。',
        '[查看详情](https://yishi.example.cn/demands/7f1d?tab=timeline)',
        '请网格员及时签收办理。',
      ].join('\n\n'),
    );
  });

  it('renders an overdue and a closed demand; a closed one shows no deadline', () => {
    const overdue = renderRobotMessage('demand-overdue', { ...demand, statusLabel: '已签收' });
    expect(overdue.title).toBe('诉求超时 XY-20261207-0001');
    expect(overdue.markdown).toContain('### 【诉求超时】XY-20261207-0001');
    expect(overdue.markdown).toContain('**已超过时限**：2026年12月8日 08:12');
    expect(overdue.markdown).toContain('请尽快办理并反馈。');

    const closed = renderRobotMessage('demand-closed', { ...demand, statusLabel: '已办结' });
    expect(closed.title).toBe('诉求办结 XY-20261207-0001');
    expect(closed.markdown).toContain('**状态**：已办结');
    expect(closed.markdown).not.toContain('时限');
    expect(closed.markdown).toContain('已办结销号');
  });

  it('leaves out what is not given: no deadline, no link; an empty place says so', () => {
    const m = renderRobotMessage('demand-received', {
      number: 'XY-20261207-0002',
      categoryLabel: '其他',
      content: '反映问题',
      place: '',
      statusLabel: '待签收',
    });
    expect(m.markdown).not.toContain('时限');
    expect(m.markdown).not.toContain('查看详情');
    expect(m.markdown).toContain('**地点**：未注明');
  });

  it('escapes markdown in what users wrote: full-width forms, one line, no links or HTML', () => {
    const nasty =
      '# 标题\n> 引用\n**粗体** _斜_ [点我](https://evil.example/x) ![图](x.png) <font color="warning">红</font> `代码` a|b ~删~ \\ &lt;';
    const escaped = escapeRobotText(nasty);
    expect(escaped).toBe(
      '＃ 标题 ＞ 引用 ＊＊粗体＊＊ ＿斜＿ ［点我］（https://evil.example/x） ！［图］（x.png） ＜font color="warning"＞红＜/font＞ ｀代码｀ a｜b ～删～ ＼ ＆lt;',
    );
    const m = renderRobotMessage('demand-received', {
      ...demand,
      content: nasty,
      place: '幸福里[3]号楼\n# 2单元',
      number: 'XY-20261207-0003',
      categoryLabel: '其他*',
    });
    // Every line is the message's own: nothing the users wrote starts a line or makes a link.
    const lines = m.markdown.split('\n').filter((l) => l !== '');
    expect(lines.map((l) => l.slice(0, 4))).toEqual([
      '### ',
      '**类别',
      '**地点',
      '**状态',
      '**办理',
      '**内容',
      '[查看详',
      '请网格员',
    ]);
    expect(m.markdown).toContain('**地点**：幸福里［3］号楼 ＃ 2单元');
    expect(m.markdown).toContain('**类别**：其他＊');
    expect(m.markdown.match(/\]\(/g)).toHaveLength(1); // the detail link only
    expect(m.markdown).not.toMatch(/<font/);
  });

  it('cuts long content to an excerpt by code points, with …', () => {
    const long = '路灯'.repeat(100) + '😀';
    const cut = excerpt(long);
    expect([...cut]).toHaveLength(ROBOT_EXCERPT_CHARS + 1);
    expect(cut.endsWith('…')).toBe(true);
    expect(excerpt('短的')).toBe('短的');
    expect(excerpt('a'.repeat(ROBOT_EXCERPT_CHARS - 1) + '😀😀', ROBOT_EXCERPT_CHARS)).toBe(
      'a'.repeat(ROBOT_EXCERPT_CHARS - 1) + '😀…',
    );
  });

  it('shows only http(s) links, with parentheses encoded so they cannot close the link', () => {
    const js = renderRobotMessage('demand-received', { ...demand, link: 'javascript:alert(1)' });
    expect(js.markdown).not.toContain('查看详情');
    const parens = renderRobotMessage('demand-received', {
      ...demand,
      link: 'https://yishi.example.cn/d/(1) x',
    });
    expect(parens.markdown).toContain('[查看详情](https://yishi.example.cn/d/%281%29%20x)');
  });

  it('builds WeCom and DingTalk bodies', () => {
    const m = renderRobotMessage('demand-closed', demand);
    expect(robotBody('wecom', m)).toEqual({
      msgtype: 'markdown',
      markdown: { content: m.markdown },
    });
    expect(robotBody('dingtalk', m)).toEqual({
      msgtype: 'markdown',
      markdown: { title: '诉求办结 XY-20261207-0001', text: m.markdown },
    });
  });

  it('renders the test message with the grid name escaped and the time in CST', () => {
    const t = renderRobotTest('第一*网格', '2026-12-07T01:25:20Z');
    expect(t.title).toBe('群机器人测试');
    expect(t.markdown).toContain('网格“第一＊网格”的群机器人已接通，2026年12月7日 09:25。');
  });
});
