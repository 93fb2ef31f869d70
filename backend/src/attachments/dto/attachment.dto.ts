import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType, type AttachmentView } from '@repairhub/contracts';

export const ATTACHMENT_VARIANTS = ['original', 'thumbnail'] as const;

export class AttachmentViewDto implements AttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) repairRequestId: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ATTACHMENT_CONTENT_TYPES }) contentType: AttachmentContentType;
  @ApiProperty({ description: 'Bytes stored (after metadata was stripped).' }) size: number;
  @ApiProperty() hasThumbnail: boolean;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AttachmentContentQueryDto {
  @ApiPropertyOptional({ enum: ATTACHMENT_VARIANTS, default: 'original' })
  @IsOptional()
  @IsIn(ATTACHMENT_VARIANTS)
  variant?: (typeof ATTACHMENT_VARIANTS)[number];
}
