import { ApiProperty } from '@nestjs/swagger';

const EMPTY = { type: 'object', properties: {}, additionalProperties: false, example: {} } as const;

/** `GET /health/live`: terminus' result shape with nothing checked, so probes read it like the other two. */
export class LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty(EMPTY)
  info!: Record<string, never>;

  @ApiProperty(EMPTY)
  error!: Record<string, never>;

  @ApiProperty(EMPTY)
  details!: Record<string, never>;
}
