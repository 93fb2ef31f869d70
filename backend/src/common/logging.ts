import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/configuration.js';

/** The public status page's token is its only credential: request paths carrying one are logged without it. */
export const redactTrackingToken = (url: string | undefined): string | undefined =>
  url?.replace(/(\/public\/track\/)[^/?#]*/, '$1[redacted]');

/** JSON logs with the request id; credentials, cookies and personal secrets never reach them. */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'req.headers["stripe-signature"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.refreshToken',
          '*.accessToken',
          '*.serialNumber',
          '*.clientSecret',
          // A failed query carries its bind values (TypeORM `parameters`, PGlite `params`), e.g. a serial's
          // keyed hash: the SQL text is enough to debug, the values are secrets or their derivatives.
          ...['err', 'err.driverError', 'err.cause'].flatMap((e) => [`${e}.parameters`, `${e}.params`, `${e}.queryOptions`]),
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { url?: string }) => {
          req.url = redactTrackingToken(req.url);
          return req;
        },
      },
    },
    // No Nest middleware: `logRequests` (common/http/request-logging.ts) logs requests from a Fastify hook.
    forRoutes: [],
  };
}
