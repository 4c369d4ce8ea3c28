export { areaNumber, areaText, MAX_AREA_HUNDREDTHS, parseArea } from './area';
export { readAudit, recordAudit, type AuditEntry, type AuditRecord } from './audit';
export {
  createCommunity,
  findCommunity,
  listCommunities,
  readSettings,
  updateSettings,
  type Community,
} from './communities';
export { parseCsv, type CsvRecord } from './csv';
export {
  DEMO_CASE,
  demoCaseId,
  DEMO_COMMUNITY,
  DEMO_ESTATE,
  DEMO_LEAD_BUILDING,
  DEMO_MEMBERS,
  DEMO_PASSWORD,
  demoOwnerUsername,
  demoUnits,
  type DemoMember,
} from './demo';
export {
  createMembership,
  deleteMembership,
  findMembership,
  listMemberships,
  membershipsOf,
  normaliseMembership,
  updateMembership,
  type MemberView,
  type Membership,
  type MembershipInput,
} from './memberships';
export {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  fractionText,
  MAX_HOURS,
  parseFraction,
  settingsView,
  type CommunitySettings,
  type Fraction,
} from './settings';
export {
  csvToUnitRows,
  MAX_UNITS_PER_IMPORT,
  NAME_MAX_LENGTH,
  UNIT_FIELDS,
  validateUnitRows,
  type UnitDraft,
  type UnitRow,
} from './unit-rows';
export {
  foreignUnitIds,
  importUnits,
  listUnits,
  unitInScope,
  unitsInScope,
  unitLabels,
  unitsInScopeWithOwners,
  type ScopeUnit,
  type Unit,
  type UnitLabel,
} from './units';
export {
  activeProxy,
  leadBuildings,
  leadsBuildingOf,
  listProxies,
  markDeveloperUnsold,
  proxyCommunity,
  registerProxy,
  revokeProxy,
  setLeadBuildings,
  type LeadBuilding,
  type ProxyInput,
  type ProxyView,
} from './proxies';
