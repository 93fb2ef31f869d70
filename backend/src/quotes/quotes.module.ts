import { Module } from '@nestjs/common';
import { RepairsModule } from '../repairs/repairs.module.js';
import { QuotesRepositoryModule } from './quotes-repository.module.js';
import { QuotesController } from './quotes.controller.js';
import { QuoteJobs } from './quote-jobs.js';
import { QuotesService } from './quotes.service.js';

@Module({
  imports: [RepairsModule, QuotesRepositoryModule],
  controllers: [QuotesController],
  providers: [QuotesService, QuoteJobs],
  exports: [QuotesService, QuoteJobs],
})
export class QuotesModule {}
