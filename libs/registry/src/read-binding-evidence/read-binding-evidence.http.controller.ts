import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import {
  EVIDENCE_EXTENSIONS,
  EVIDENCE_TYPES,
  type EvidenceType,
  OperationId,
} from '@yishi/platform';
import { seesAllBindingRequests } from '../bindings/binding-viewers';
import { ReadBindingEvidenceQuery } from './read-binding-evidence.query';

@ApiTags('bindings')
@Controller('communities/:communityId/binding-requests')
export class ReadBindingEvidenceController {
  constructor(private readonly queries: QueryBus) {}

  /** The scan, with its sniffed type; never rendered as anything else by the browser. */
  @Get(':requestId/evidence')
  @OperationId('BindingRequestsController_evidence')
  @Can('binding-requests.evidence')
  @ApiProduces(...EVIDENCE_TYPES)
  @ApiOkResponse({ description: 'the bytes', schema: { type: 'string', format: 'binary' } })
  async evidence(
    @Auth() auth: RequestAuth,
    @Param('requestId') requestId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.queries.execute(
      new ReadBindingEvidenceQuery(communityOf(auth), requestId, {
        userId: auth.user.id,
        all: seesAllBindingRequests(auth),
      }),
    );
    const type = file.contentType as EvidenceType;
    const fallback = `binding-${file.id}.${EVIDENCE_EXTENSIONS[type]}`;
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', "default-src 'none'; sandbox");
    res.header('Cache-Control', 'private, no-store');
    return new StreamableFile(file.bytes, {
      type,
      length: file.bytes.length,
      disposition: `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName ?? fallback)}`,
    });
  }
}
