import type { ThrottlerOptions } from '@nestjs/throttler';

const MINUTE = 60_000;

/**
 * Login attempts are limited per email (guessing one account's password) and per
 * client IP (trying many accounts). Counters live in the instance's memory.
 */
export function loginThrottlers(perEmail: number): ThrottlerOptions[] {
  return [
    { name: 'ip', ttl: MINUTE, limit: perEmail * 5 },
    {
      name: 'email',
      ttl: MINUTE,
      limit: perEmail,
      getTracker: (req: { body?: { email?: unknown }; ip?: string }) =>
        typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : (req.ip ?? 'unknown'),
    },
  ];
}
