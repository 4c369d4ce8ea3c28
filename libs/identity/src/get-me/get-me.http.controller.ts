import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { GetMeQuery } from './get-me.query';
import { MeResponse } from './get-me.response.dto';

@ApiTags('auth')
@Controller('me')
export class GetMeHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Can('me.read')
  @ApiOperation({ operationId: 'MeController_me', summary: 'My account and memberships' })
  @ApiOkResponse({ type: MeResponse })
  me(@Auth() auth: RequestAuth): Promise<MeResponse> {
    return this.queries.execute(new GetMeQuery(auth.user));
  }
}
