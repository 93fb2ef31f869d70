import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_LIMITS } from '@repairhub/contracts';
import type { AuthUser } from '../common/auth-user.js';
import { CurrentUser } from '../common/decorators/auth.decorators.js';
import { ApiRoute } from '../common/http/api-route.decorator.js';
import { readSingleFile } from './multipart-file.js';
import { AttachmentContentQueryDto, AttachmentViewDto } from './dto/attachment.dto.js';
import { AttachmentsService } from './attachments.service.js';

const uuid = new ParseUUIDPipe();

/** Served bytes never run as a page: a sandbox with nothing allowed, and no type guessing. */
const CONTENT_HEADERS = {
  'content-security-policy': "default-src 'none'; sandbox",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, max-age=3600',
};

@ApiTags('attachments')
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('repairs/:id/attachments')
  // The one route that takes multipart/form-data; every other route answers it 415.
  @RouteConfig({ multipart: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiRoute({
    summary: 'Attach a photo or PDF to a repair request',
    description: `Multipart, one field \`file\`: JPEG, PNG, WebP, HEIC or PDF, at most ${ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024} MiB, at most ${ATTACHMENT_LIMITS.maxPerRepair} per repair. The type is read from the bytes; images are re-encoded without metadata (EXIF, GPS) and get a thumbnail; HEIC is stored as JPEG. By the owner, the assigned technician or an admin.`,
    auth: 'any',
    created: AttachmentViewDto,
    errors: [403, 404, 409, 413, 415],
  })
  async upload(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() request: FastifyRequest) {
    await this.attachments.assertMayUpload(user, id);
    return this.attachments.upload(user, id, await readSingleFile(request));
  }

  @Get('repairs/:id/attachments')
  @ApiRoute({ summary: 'The attachments of a repair request, oldest first', auth: 'any', ok: [AttachmentViewDto], errors: [404] })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.attachments.list(user, id);
  }

  @Get('attachments/:id')
  @ApiResponse({
    status: 200,
    description: 'The bytes',
    content: Object.fromEntries(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiRoute({
    summary: 'The bytes of an attachment (or its thumbnail)',
    description: 'To those who may see its repair; 404 to anyone else. Images inline, PDFs as a download.',
    auth: 'any',
    errors: [404],
  })
  async content(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Query() query: AttachmentContentQueryDto, @Res() reply: FastifyReply) {
    const { attachment, contentType, body } = await this.attachments.content(user, id, query.variant ?? 'original');
    const disposition = contentType === 'application/pdf' ? 'attachment' : 'inline';
    return reply
      .headers(CONTENT_HEADERS)
      .header('content-type', contentType)
      .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
      .send(body);
  }
}
