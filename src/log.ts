/**
 * One pino root per process; every job and request logs through a child carrying its id.
 * Secrets are redacted by path; untrusted objects are logged under a key, never spread.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'token',
  'secret',
  'password',
  'apiKey',
  '*.token',
  '*.secret',
  '*.secrets',
  '*.password',
  '*.apiKey',
  '*.bearerToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'config.x.bearerToken',
  'config.auth',
];

export function createLogger(level: LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'claimwatch' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
