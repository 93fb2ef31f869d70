import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/configuration.js';

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
        ],
        censor: '[redacted]',
      },
      customProps: (req) => ({ requestId: (req as { id?: string }).id }),
      autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
    },
  };
}
