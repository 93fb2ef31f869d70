import { Module } from '@nestjs/common';
import { QuotesRepository } from './quotes.repository.js';

/** The quotes table's repository alone, for features that `QuotesModule` itself depends on (repairs). */
@Module({
  providers: [QuotesRepository],
  exports: [QuotesRepository],
})
export class QuotesRepositoryModule {}
