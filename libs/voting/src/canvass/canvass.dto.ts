import { ApiProperty } from '@nestjs/swagger';
import { CANVASS_CHANNELS, CANVASS_OUTCOMES, CANVASS_STATUSES } from '@yishi/domain';

export class VisitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ enum: CANVASS_CHANNELS }) channel!: string;
  @ApiProperty({ enum: CANVASS_OUTCOMES }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) visitedAt!: string;
  @ApiProperty({ format: 'uuid', description: 'the lead or grid worker who recorded it' })
  recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class CanvassCountsView {
  @ApiProperty({ name: 'not-reached' }) 'not-reached'!: number;
  @ApiProperty() reached!: number;
  @ApiProperty() promised!: number;
  @ApiProperty() declined!: number;
  @ApiProperty() unreachable!: number;
  @ApiProperty() voted!: number;
}

export class UnitPlaceView {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ example: '金泰和庄' }) estate!: string;
  @ApiProperty({ example: '12号楼' }) building!: string;
  @ApiProperty({ example: '2单元' }) entrance!: string;
  @ApiProperty({ example: '301' }) room!: string;
  @ApiProperty({ description: 'm²' }) area!: number;
  @ApiProperty({ description: 'hundredths of a m², exact' }) areaHundredths!: number;
}

export class CanvassUnitView extends UnitPlaceView {
  @ApiProperty({
    enum: CANVASS_STATUSES,
    description: 'the latest visit’s outcome; voted above all; not-reached without a visit',
  })
  status!: string;
  @ApiProperty({ type: [VisitView], description: 'the latest three, newest first' })
  visits!: VisitView[];
}

export class CanvassListView {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({ description: 'the ballot box is closed' }) final!: boolean;
  @ApiProperty({ type: CanvassCountsView }) counts!: CanvassCountsView;
  @ApiProperty({ type: [CanvassUnitView], description: 'no owner names, phones or ID numbers' })
  units!: CanvassUnitView[];
}

export class AreaMeasureView {
  @ApiProperty({ description: 'm² of the units that voted' }) participated!: number;
  @ApiProperty() participatedHundredths!: number;
  @ApiProperty({ description: 'm² of the scope' }) electorate!: number;
  @ApiProperty() electorateHundredths!: number;
  @ApiProperty({ description: 'the least area that reaches two thirds' }) required!: number;
  @ApiProperty() requiredHundredths!: number;
  @ApiProperty({ description: 'required − participated, 0 once reached' }) gap!: number;
  @ApiProperty() gapHundredths!: number;
  @ApiProperty({ type: String, nullable: true, example: '66.6666' }) percent!: string | null;
  @ApiProperty() reached!: boolean;
}

export class HeadcountMeasureView {
  @ApiProperty({ description: 'owners with at least one unit voted' }) participated!: number;
  @ApiProperty() electorate!: number;
  @ApiProperty() required!: number;
  @ApiProperty() gap!: number;
  @ApiProperty({ type: String, nullable: true }) percent!: string | null;
  @ApiProperty() reached!: boolean;
}

export class UnitsTurnoutView {
  @ApiProperty() total!: number;
  @ApiProperty() voted!: number;
}

export class CloserView {
  @ApiProperty({ type: [UnitPlaceView], description: 'one owner’s units not yet voted' })
  units!: UnitPlaceView[];
  @ApiProperty() area!: number;
  @ApiProperty() areaHundredths!: number;
  @ApiProperty({ description: 'their ballot adds an owner to the headcount (else area only)' })
  addsOwner!: boolean;
}

export class BuildingTurnoutView {
  @ApiProperty() estate!: string;
  @ApiProperty() building!: string;
  @ApiProperty({ type: UnitsTurnoutView }) units!: UnitsTurnoutView;
  @ApiProperty({ type: AreaMeasureView }) byArea!: AreaMeasureView;
  @ApiProperty({ type: HeadcountMeasureView }) byHeadcount!: HeadcountMeasureView;
  @ApiProperty() reached!: boolean;
  @ApiProperty({ type: CanvassCountsView }) canvass!: CanvassCountsView;
}

export class ScopeView {
  @ApiProperty({ type: String, nullable: true }) estate!: string | null;
  @ApiProperty({ type: String, nullable: true }) building!: string | null;
}

export class TurnoutResponse {
  @ApiProperty({ format: 'uuid' }) resolutionId!: string;
  @ApiProperty({ description: 'the ballot box is closed' }) final!: boolean;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ type: ScopeView }) scope!: ScopeView;
  @ApiProperty({ type: UnitsTurnoutView }) units!: UnitsTurnoutView;
  @ApiProperty({ type: AreaMeasureView }) byArea!: AreaMeasureView;
  @ApiProperty({ type: HeadcountMeasureView }) byHeadcount!: HeadcountMeasureView;
  @ApiProperty({ description: 'two thirds reached by area and by headcount' }) reached!: boolean;
  @ApiProperty({ type: CanvassCountsView }) canvass!: CanvassCountsView;
  @ApiProperty({
    type: [CloserView],
    description: 'the fewest owners whose ballots close both gaps, largest area first',
  })
  closers!: CloserView[];
  @ApiProperty({ type: [BuildingTurnoutView] }) perBuilding!: BuildingTurnoutView[];
}
