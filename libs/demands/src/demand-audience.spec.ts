import { canSeeDemand, type DemandReach, type DemandViewer } from './demand-audience';

const nobody: DemandViewer = {
  userId: 'me',
  all: false,
  homeUnitIds: [],
  ledUnitIds: [],
  ledBuildings: [],
  gridIds: [],
};
const demand: DemandReach = {
  submittedBy: 'someone',
  unitId: 'u1',
  onBehalf: false,
  gridId: 'g1',
  estate: '金泰和庄',
  building: '12号楼',
  assignedUserId: null,
};

describe('who sees a demand', () => {
  it('shows the whole ledger to the secretary and party members, and a demand to its submitter', () => {
    expect(canSeeDemand({ ...nobody, all: true }, demand)).toBe(true);
    expect(canSeeDemand(nobody, { ...demand, submittedBy: 'me' })).toBe(true);
    expect(canSeeDemand(nobody, demand)).toBe(false);
  });

  it("shows a resident the demands recorded on behalf of their unit, not a neighbour's own", () => {
    const resident = { ...nobody, homeUnitIds: ['u1'] };
    expect(canSeeDemand(resident, { ...demand, onBehalf: true })).toBe(true);
    expect(canSeeDemand(resident, demand)).toBe(false);
  });

  it('shows grid workers their grids, leads their units and buildings, an assignee theirs', () => {
    expect(canSeeDemand({ ...nobody, gridIds: ['g1'] }, demand)).toBe(true);
    expect(canSeeDemand({ ...nobody, gridIds: ['g2'] }, demand)).toBe(false);
    expect(canSeeDemand({ ...nobody, ledUnitIds: ['u1'] }, demand)).toBe(true);
    expect(
      canSeeDemand(
        { ...nobody, ledBuildings: [{ estate: '金泰和庄', building: '12号楼' }] },
        demand,
      ),
    ).toBe(true);
    expect(
      canSeeDemand(
        { ...nobody, ledBuildings: [{ estate: '金泰和庄', building: '11号楼' }] },
        demand,
      ),
    ).toBe(false);
    expect(canSeeDemand(nobody, { ...demand, assignedUserId: 'me' })).toBe(true);
  });
});
