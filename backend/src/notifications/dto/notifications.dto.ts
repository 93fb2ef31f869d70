import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_STATUSES, type EmailStatus, type EmailView, type NotificationPreferences } from '@repairhub/contracts';
import { IsBoolean } from 'class-validator';

export class EmailViewDto implements EmailView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'quote_issued' }) template: string;
  @ApiProperty({ format: 'email' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'The plain-text part' }) text: string;
  @ApiProperty({ description: 'The HTML part' }) html: string;
  @ApiProperty({
    enum: EMAIL_STATUSES,
    description:
      '`pending`: waiting to be handed to SMTP (retried with backoff); `sent`: handed to SMTP; `failed`: given up after a day of retries; `stored`: kept here only (no SMTP configured); `skipped`: the user opted out',
  })
  status: EmailStatus;
  @ApiProperty({ description: 'Essential emails are sent whatever the preference' }) essential: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class EmailPageDto {
  @ApiProperty({ type: [EmailViewDto] }) items: EmailViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class NotificationPreferencesDto implements NotificationPreferences {
  @ApiProperty({ description: 'Quote reminders and chat notifications by email' })
  @IsBoolean()
  emailNonEssential: boolean;
}
