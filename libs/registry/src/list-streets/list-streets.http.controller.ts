import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { AdditiveOperation } from '../streets.openapi';
import { type StreetRef } from '../streets';
import { StreetList } from '../streets.dto';
import { ListStreetsQuery } from './list-streets.query';

@ApiTags('streets')
@Controller('streets')
export class ListStreetsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('StreetsController_list')
  @Can('streets.list')
  @AdditiveOperation(
    'streets.list',
    'The admin gets every street; anyone else the streets they are an officer of (a member of the street office), possibly none.',
  )
  @ApiOkResponse({ type: StreetList })
  async list(@Auth() auth: RequestAuth): Promise<StreetList> {
    const items: StreetRef[] = await this.queries.execute(
      new ListStreetsQuery({ id: auth.user.id, admin: auth.user.admin }),
    );
    return { items };
  }
}
