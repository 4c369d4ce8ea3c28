import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { UnitBindingList } from '../bindings/bindings.dto';
import { ListMyBindingsQuery } from './list-my-bindings.query';

/** A resident's own bindings. */
@ApiTags('bindings')
@Controller('me/unit-bindings')
export class ListMyBindingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('MyUnitBindingsController_mine')
  @Can('bindings.mine')
  @ApiOkResponse({ type: UnitBindingList })
  async mine(@Auth() auth: RequestAuth): Promise<UnitBindingList> {
    return { items: await this.queries.execute(new ListMyBindingsQuery(auth.user.id)) };
  }
}
