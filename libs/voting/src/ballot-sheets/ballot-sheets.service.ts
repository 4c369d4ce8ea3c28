import { setImmediate } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { toString as qrCode } from 'qrcode';
import {
  BALLOT_CHANNEL_LABELS,
  CHOICE_LABELS,
  ForbiddenError,
  formatChineseTime,
  indexOf,
  unitConflict,
  type BallotChannel,
  type Choice,
  type ConflictBallotStatus,
  type UnitBallotEntry,
  type VotingOpened,
} from '@yishi/domain';
import { areaText, leadBuildings, unitPlaces, type Unit } from '@yishi/registry';
import { sheetsOf, type StoredSheet } from './ballot-sheet-store';
import { csvFile, PG_POOL } from '@yishi/platform';
import { renderBallotSheetsHtml } from './ballot-sheets-html';
import { BallotBox } from '../ballot-box';
import { propertyUnitIds } from '../voting-jobs';
import { ResolutionRepository } from '../resolution.repository';

/** Who asks: a secretary sees and issues for the whole vote, a building lead for their buildings. */
export interface SheetActor {
  readonly userId: string;
  readonly secretary: boolean;
}

/** Which units: the estate and building named (both optional), within the actor's reach. */
export interface SheetFilter {
  readonly estate?: string | null | undefined;
  readonly building?: string | null | undefined;
}

export type SheetStatus = 'issued' | 'cast' | 'replaced' | 'refused' | 'voided';

/** One sheet as listed: where the unit is (no owner), its serial, and what became of it. */
export interface BallotSheetView {
  readonly serial: string;
  readonly unitId: string;
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
  /** The unit's area in m² as frozen in the electorate. */
  readonly area: number;
  readonly issuedAt: string;
  readonly issuedBy: string;
  /**
   * issued: not entered yet; cast: entered and counted; replaced: entered, then the owner's own
   * online ballot replaced it; refused: entered after the unit had voted (not counted); voided:
   * replaced by a new sheet (reissue).
   */
  readonly status: SheetStatus;
  readonly enteredAt: string | null;
  readonly enteredBy: string | null;
  readonly voidedAt: string | null;
  readonly voidReason: string | null;
}

export interface BallotSheetList {
  readonly resolutionId: string;
  /** Sheets created by this request (issue only; 0 when every unit had one). */
  readonly created?: number;
  readonly items: BallotSheetView[];
}

export interface ConflictBallotView {
  readonly channel: BallotChannel;
  readonly choice: Choice;
  readonly castAt: string;
  readonly castBy: string;
  /** owner (own online ballot), proxy (an agent under a 委托书), building-lead (a paper entry). */
  readonly castByRole: 'owner' | 'proxy' | 'building-lead';
  readonly serial: string | null;
  readonly sheetRef: string | null;
  readonly status: ConflictBallotStatus;
}

export interface BallotConflictView {
  readonly unitId: string;
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
  readonly counted: BallotChannel;
  readonly reason: { readonly zh: string; readonly en: string };
  readonly ballots: ConflictBallotView[];
}

export interface BallotConflictReport {
  readonly resolutionId: string;
  readonly items: BallotConflictView[];
}

/** QR codes drawn before the event loop is let go (a few ms each). */
const QR_PER_TURN = 20;

const CHANNEL_ZH = BALLOT_CHANNEL_LABELS;
const CHOICE_ZH = CHOICE_LABELS;
const STATUS_ZH: Record<ConflictBallotStatus, string> = {
  counted: '计入',
  replaced: '被替换',
  refused: '未计入',
};

/**
 * The reads of printed ballot sheets with serials (docs/voting.md, "Ballot sheets with serials"):
 * the units in an actor's reach, the sheets as shown, the printable HTML and the report of units
 * with a paper and an electronic ballot. Issuing and reissuing are commands (their handlers use
 * these reads); entering a sheet is a ballot (a CastBallotCommand with a serial).
 */
@Injectable()
export class BallotSheetService {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly ballots: BallotBox,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  /** GET /resolutions/:id/ballot-sheets: the live sheets in reach (voided ones too, marked). */
  async list(
    resolutionId: string,
    actor: SheetActor,
    filter: SheetFilter,
  ): Promise<BallotSheetList> {
    const voting = await this.resolutions.open(resolutionId);
    const units = await this.unitsInReach(voting, actor, filter);
    return { resolutionId, items: await this.views(voting, units) };
  }

  /**
   * GET /resolutions/:id/ballot-sheets.html: one A4 page per live sheet in reach, a page of them
   * at a time. A QR code costs a few milliseconds of CPU, so the event loop is let go between
   * every few, and a request prints at most the page it asks for.
   */
  async html(
    resolutionId: string,
    actor: SheetActor,
    filter: SheetFilter,
    page: { readonly limit: number; readonly offset: number },
  ): Promise<{ html: string; total: number }> {
    const voting = await this.resolutions.open(resolutionId);
    const units = await this.unitsInReach(voting, actor, filter);
    const live = (await this.views(voting, units)).filter((s) => s.status !== 'voided');
    const sheets = live.slice(page.offset, page.offset + page.limit);
    const printed = [];
    for (const [i, s] of sheets.entries()) {
      if (i > 0 && i % QR_PER_TURN === 0) await setImmediate();
      const qrSvg = await qrCode(s.serial, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
      printed.push({ ...s, areaText: areaText(Math.round(s.area * 100)), qrSvg });
    }
    return { html: renderBallotSheetsHtml(voting, printed), total: live.length };
  }

  /**
   * GET /resolutions/:id/ballot-conflicts: every unit with a paper ballot (entered or refused) and
   * an electronic one (online or proxy), both ballots, which one counts and why.
   */
  async conflicts(resolutionId: string): Promise<BallotConflictReport> {
    const voting = await this.resolutions.open(resolutionId);
    const [ballots, sheets] = await Promise.all([
      this.ballots.all(resolutionId),
      sheetsOf(this.db, resolutionId),
    ]);
    const stored = new Map<string, UnitBallotEntry[]>();
    for (const data of ballots) {
      const list = stored.get(data.unitId) ?? [];
      list.push({
        channel: data.channel,
        byOwner: data.byOwner,
        choice: data.choice,
        castBy: data.castBy,
        castAt: data.castAt,
        sheetRef: data.sheetRef ?? null,
        serial: data.serial ?? null,
        refused: false,
      });
      stored.set(data.unitId, list);
    }
    const refused = new Map<string, UnitBallotEntry[]>();
    for (const s of sheets) {
      if (s.outcome !== 'refused' || s.enteredAt === null || s.enteredBy === null) continue;
      const list = refused.get(s.unitId) ?? [];
      list.push({
        channel: 'paper',
        byOwner: false,
        choice: s.choice ?? 'abstain',
        castBy: s.enteredBy,
        castAt: s.enteredAt,
        sheetRef: s.serial,
        serial: s.serial,
        refused: true,
      });
      refused.set(s.unitId, list);
    }
    const found = new Map<string, ReturnType<typeof unitConflict>>();
    for (const [unitId, ballots] of stored) {
      const conflict = unitConflict(ballots, refused.get(unitId) ?? []);
      if (conflict !== undefined) found.set(unitId, conflict);
    }
    const places = await unitPlaces(this.db, voting.communityId, [...found.keys()]);
    const items: BallotConflictView[] = [];
    for (const place of places) {
      const conflict = found.get(place.id);
      if (conflict === undefined) continue;
      items.push({
        unitId: place.id,
        estate: place.estate,
        building: place.building,
        entrance: place.entrance,
        room: place.room,
        counted: conflict.counted,
        reason: conflict.reason,
        ballots: conflict.ballots.map((b) => ({
          channel: b.channel,
          choice: b.choice,
          castAt: b.castAt,
          castBy: b.castBy,
          castByRole:
            b.channel === 'paper' ? 'building-lead' : b.channel === 'proxy' ? 'proxy' : 'owner',
          serial: b.serial,
          sheetRef: b.sheetRef,
          status: b.status,
        })),
      });
    }
    return { resolutionId, items };
  }

  /** The conflict report as CSV (UTF-8 with BOM, Chinese headers): one row per ballot. */
  async conflictsCsv(resolutionId: string): Promise<string> {
    const report = await this.conflicts(resolutionId);
    const head = [
      '小区',
      '楼栋',
      '单元',
      '房号',
      '投票方式',
      '选择',
      '投票/录入时间',
      '投票人身份',
      '表决票编号',
      '是否计入',
      '计入的投票',
      '说明',
    ];
    const role = { owner: '业主本人', proxy: '受托人', 'building-lead': '楼栋长录入' };
    const lines = [head];
    for (const c of report.items)
      for (const b of c.ballots)
        lines.push([
          c.estate,
          c.building,
          c.entrance,
          c.room,
          CHANNEL_ZH[b.channel],
          CHOICE_ZH[b.choice],
          formatChineseTime(b.castAt),
          role[b.castByRole],
          b.serial ?? b.sheetRef ?? '',
          STATUS_ZH[b.status],
          CHANNEL_ZH[c.counted],
          c.reason.zh,
        ]);
    return csvFile(lines);
  }

  /**
   * The units of the vote's electorate within the filter and the actor's reach: a secretary any,
   * a building lead those of the buildings they serve (naming another building is 403).
   */
  async unitsInReach(
    voting: VotingOpened['data'],
    actor: SheetActor,
    filter: SheetFilter,
    only?: readonly string[],
  ): Promise<Unit[]> {
    const estate = filter.estate ?? null;
    const building = filter.building ?? null;
    const ids = only ?? propertyUnitIds(voting);
    let units = (await unitPlaces(this.db, voting.communityId, ids)).filter(
      (u) =>
        (estate === null || u.estate === estate) && (building === null || u.building === building),
    );
    if (!actor.secretary) {
      const mine = await leadBuildings(this.db, voting.communityId, actor.userId);
      const serves = (e: string | null, b: string) =>
        mine.some((m) => m.building === b && (e === null || m.estate === e));
      if (building !== null && !serves(estate, building))
        throw new ForbiddenError('只能为本人负责的楼栋发放或打印表决票', { building });
      units = units.filter((u) => serves(u.estate, u.building));
    }
    return units;
  }

  /** The sheets of these units, in their order. */
  async views(voting: VotingOpened['data'], units: Unit[]): Promise<BallotSheetView[]> {
    if (units.length === 0) return [];
    const [sheets, counted] = await Promise.all([
      sheetsOf(this.db, voting.resolutionId),
      this.ballots.countedChannels(voting.resolutionId),
    ]);
    const byUnit = new Map<string, StoredSheet[]>();
    for (const s of sheets) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s]);
    const out: BallotSheetView[] = [];
    for (const unit of units)
      for (const s of byUnit.get(unit.id) ?? []) out.push(this.view(voting, unit, s, counted));
    return out;
  }

  /** One sheet as the API shows it, its status read against the counted ballots. */
  view(
    voting: VotingOpened['data'],
    unit: Unit,
    s: StoredSheet,
    counted: ReadonlyMap<string, BallotChannel>,
  ): BallotSheetView {
    const frozen = indexOf(voting.electorate).byUnit.get(unit.id);
    const status: SheetStatus =
      s.voidedAt !== null
        ? 'voided'
        : s.outcome === 'refused'
          ? 'refused'
          : s.outcome === 'cast'
            ? (counted.get(unit.id) ?? 'paper') === 'paper'
              ? 'cast'
              : 'replaced'
            : 'issued';
    return {
      serial: s.serial,
      unitId: unit.id,
      estate: unit.estate,
      building: unit.building,
      entrance: unit.entrance,
      room: unit.room,
      area: frozen === undefined ? unit.area : frozen.areaHundredths / 100,
      issuedAt: s.issuedAt,
      issuedBy: s.issuedBy,
      status,
      enteredAt: s.enteredAt,
      enteredBy: s.enteredBy,
      voidedAt: s.voidedAt,
      voidReason: s.voidReason,
    };
  }
}
