import { Module } from '@nestjs/common';
import { RepairsRepository } from './repairs.repository.js';

/** The repairs' tables' repository alone, for features that `RepairsModule` itself depends on (appointments, quotes). */
@Module({
  providers: [RepairsRepository],
  exports: [RepairsRepository],
})
export class RepairsRepositoryModule {}
