import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth, streetOf } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { AdditiveOperation } from '../streets.openapi';
import { StreetView } from '../streets.dto';
import { ReadStreetQuery } from './read-street.query';

@ApiTags('streets')
@Controller('streets')
export class ReadStreetController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':streetId')
  @OperationId('StreetsController_read')
  @Can('streets.read')
  @AdditiveOperation(
    'streets.read',
    "The street, its communities and its departments (the office first), for the admin and the members of any of the street's departments.",
  )
  @ApiOkResponse({ type: StreetView })
  read(@Auth() auth: RequestAuth): Promise<StreetView> {
    return this.queries.execute(new ReadStreetQuery(streetOf(auth)));
  }
}
