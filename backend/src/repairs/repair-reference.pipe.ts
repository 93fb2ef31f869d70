import { Injectable, type PipeTransform } from '@nestjs/common';
import { parseTicketNumber } from '@repairhub/contracts';
import { invalid } from '../common/errors/domain-error.js';
import { isUuid } from '../common/sql.js';

/** A repair named by its id or its ticket number (`R-1042`, any case): passed on as written. */
@Injectable()
export class RepairReferencePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (isUuid(value) || parseTicketNumber(value) !== null) return value;
    throw invalid('REQUEST.INVALID_REPAIR_REFERENCE', 'A repair is named by its id or its ticket number, such as R-1042.', 'id');
  }
}
