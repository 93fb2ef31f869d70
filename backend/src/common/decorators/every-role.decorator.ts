import { SetMetadata } from '@nestjs/common';

export const EVERY_ROLE = 'everyRole';

/** Served by every process role (health probes), not only by the roles that run the HTTP API. */
export const EveryRole = () => SetMetadata(EVERY_ROLE, true);
