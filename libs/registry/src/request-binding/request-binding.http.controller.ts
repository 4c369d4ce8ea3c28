import { Controller, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { ValidationError } from '@yishi/domain';
import { OperationId, readUpload, type Runtime, RUNTIME } from '@yishi/platform';
import { BindingRequestView } from '../bindings/bindings.dto';
import { RequestBindingCommand } from './request-binding.command';
import { unsupportedEvidence } from './unsupported-evidence';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Binding by the secretary's approval: a resident who cannot match the registry's numbers (no
 * record yet, a changed certificate) asks with a scan of their certificate and ID card; the
 * secretary looks at it and approves (the resident is bound) or rejects with a reason.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/binding-requests')
export class RequestBindingController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Post()
  @OperationId('BindingRequestsController_create')
  @Can('binding-requests.create')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')
  @ApiBody({
    description:
      'the scan itself as the body (photo or PDF of the certificate and ID card); the type is sniffed from its bytes',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiQuery({ name: 'unitId', required: true, description: 'the unit to be bound to' })
  @ApiQuery({ name: 'name', required: false, description: 'the original file name' })
  @ApiCreatedResponse({ type: BindingRequestView })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: bound already, or a request is pending' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over EVIDENCE_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: not a photo or PDF' })
  async create(
    @Auth() auth: RequestAuth,
    @Query('unitId') unitId: unknown,
    @Query('name') name: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BindingRequestView> {
    if (typeof unitId !== 'string' || !UUID.test(unitId))
      throw new ValidationError('请选择要绑定的房屋', {
        fields: [{ field: 'unitId', problems: ['required, a UUID'] }],
      });
    if (name !== undefined && (typeof name !== 'string' || name.length > 200 || name === ''))
      throw new ValidationError('文件名须为 1 到 200 个字符', {
        fields: [{ field: 'name', problems: ['1 to 200 characters'] }],
      });
    // A body some parser read (JSON, text) is not a scan.
    if (req.body !== undefined) throw unsupportedEvidence();
    const bytes = await readUpload(req, res, this.runtime.config.evidenceMaxBytes);
    return this.commands.execute(
      new RequestBindingCommand(
        communityOf(auth),
        auth.user.id,
        unitId,
        bytes,
        typeof name === 'string' ? name.normalize('NFC') : null,
      ),
    );
  }
}
