export { areaNumber, areaText, MAX_AREA_HUNDREDTHS, parseArea } from './area';
export { readAudit, recordAudit, type AuditEntry, type AuditRecord } from './audit';
export {
  createCommunity,
  findCommunity,
  listCommunities,
  readSettings,
  updateSettings,
  type Community,
  type CommunityInput,
} from './communities';
export { RegistryReads, RegistryReadsModule } from './registry-reads';
export {
  listEstates,
  PROPERTY_COMPANY_MAX_LENGTH,
  setPropertyCompany,
  type EstateView,
} from './estates';
export { type IntakePlace, type IntakeWhere } from './demand-intake';
export {
  GRID_ROBOT_KINDS,
  gridRobotSetting,
  validateGridRobot,
  type GridRobotInput,
  type GridRobotKind,
  type GridRobotSetting,
} from './grid-robots';
export {
  createGrid,
  gridOfBuilding,
  gridsOfWorker,
  setAdmissionList,
  type GridRobotSummary,
  type GridBuilding,
  type GridRef,
  type GridView,
  type GridWithAdmissions,
  type GridWorker,
  type LedPlaces,
} from './grids';
export { parseCsv, type CsvRecord } from './csv';
export {
  buildingKey,
  entranceKey,
  matchAddressToUnit,
  normaliseAddress,
  parseAddress,
  roomKey,
  type AddressMatch,
  type AddressParts,
  type LedgerUnit,
} from './hotline/address-match';
export {
  HOTLINE_CATEGORY_KEYWORDS,
  mapHotlineCategory,
  MAX_TICKETS_PER_IMPORT,
  parseHotlineTickets,
  parseHotlineTime,
  TICKET_FIELDS,
  type HotlineTicketDraft,
  type TicketField,
  type TicketProblem,
} from './hotline/hotline-tickets';
export { defaultDemandPrefix, FALLBACK_DEMAND_PREFIX } from './demand-prefix';
export {
  DEMO_CASE,
  demoCaseId,
  demoFlowCaseId,
  DEMO_COMMUNITY,
  DEMO_DEPARTMENTS,
  DEMO_ESTATE,
  DEMO_LEAD_BUILDING,
  DEMO_MEMBERS,
  DEMO_PASSWORD,
  DEMO_PROPERTY_COMPANIES,
  DEMO_STREET,
  DEMO_STREET_OFFICER,
  demoOwnerIdentity,
  demoOwnerUsername,
  demoUnits,
  type DemoDepartment,
  type DemoMember,
} from './demo';
export {
  createMembership,
  deleteMembership,
  findMembership,
  LED_UNIT_IDS,
  listMemberships,
  membershipsOf,
  normaliseMembership,
  OCCUPANCY,
  UNIT_IDS,
  updateMembership,
  type MemberView,
  type Membership,
  type MembershipInput,
} from './memberships';
export {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  demandSettingsOf,
  fractionText,
  MAX_HOURS,
  MAX_VOTE_REMINDERS,
  parseFraction,
  parseVoteReminderHours,
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
  ledgerUnits,
  listUnits,
  placeTree,
  type EstatePlace,
  unitInScope,
  unitPlaces,
  unitsInScope,
  unitsInScopeWithOwners,
  householdsInScope,
  type ScopeHousehold,
  type ScopeUnit,
  type Unit,
} from './units';
export {
  activeProxy,
  leadBuildings,
  leadsBuildingOf,
  ledUnitIds,
  leadsOfUnits,
  proxiedUnitIds,
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
export {
  canvassesUnit,
  insertVisit,
  latestVisits,
  type StoredVisit,
  type UnitPlace,
} from './canvass';
export { BINDING_UNIT_FAILURES, BINDING_USER_FAILURES } from './bindings/binding-attempts';
export { BINDING_HASHER, BindingHasher, createBindingHasher } from './bindings/binding-hasher';
export { bindingEvidencePath } from './bindings/binding-requests.repository';
export {
  type BindingMethod,
  type BindingRequestStatus,
  type BindingRequestView,
  type OwnerIdentityInput,
  type OwnerIdentityView,
  type UnitBindingView,
} from './bindings/binding-views';
export {
  csvToOwnerIdentityRows,
  MAX_OWNERS_PER_IMPORT,
  OWNER_IDENTITY_FIELDS,
  type OwnerIdentityRow,
} from './bindings/owner-identity-rows';
export { recordOwnerIdentity } from './bindings/owner-identities.repository';
export { bindByRegistryMatch } from './bind-unit/bind-by-registry-match';
export { boundUnitIds, isBound, seedDemoBinding } from './bindings/unit-bindings';
export { RegistryModule } from './registry.module';
export { BindingsModule } from './bindings.module';
export { StreetsModule } from './streets.module';
export {
  addDepartmentMember,
  addStreetOfficer,
  createDepartment,
  createStreet,
  departmentsOf,
  departmentStreet,
  findStreet,
  listDepartments,
  readStreet,
  STREET_OFFICE_NAME,
  streetOfficeOf,
  type DepartmentMemberInput,
  type DepartmentMemberView,
  type DepartmentView,
  type StreetRef,
  type StreetView,
  type UserDepartment,
} from './streets';
