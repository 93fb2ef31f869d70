import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FailedJobView } from '@repairhub/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../../common/decorators/auth.decorators.js';
import { notFound } from '../../common/errors/domain-error.js';
import { ApiRoute } from '../../common/http/api-route.decorator.js';
import { Jobs } from './jobs.service.js';

export class FailedJobDto implements FailedJobView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'quotes.remind' }) name: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: unknown;
  @ApiProperty() attempts: number;
  @ApiProperty() error: string;
  @ApiProperty({ format: 'date-time' }) failedAt: string;
}

export class FailedJobsQueryDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

/** Dead letters: jobs that used up their retries, newest first, and a way to run one again. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/jobs')
export class JobsAdminController {
  constructor(private readonly jobs: Jobs) {}

  @Get('failed')
  @ApiRoute({ summary: 'Jobs that failed after every retry (dead letters)', auth: 'admin', ok: [FailedJobDto] })
  failed(@Query() query: FailedJobsQueryDto): Promise<FailedJobView[]> {
    return this.jobs.failed(query.limit ?? 50);
  }

  @Post('failed/:id/retry')
  @ApiRoute({ summary: 'Run a dead-lettered job again', auth: 'admin', noContent: true, errors: [404] })
  async retry(@Param('id') id: string): Promise<void> {
    if (!(await this.jobs.retryFailed(id))) throw notFound('JOB.NOT_FOUND', 'Failed job');
  }
}
