import { HttpException, HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { AppConfig } from '../../platform/config/app-config';

const WINDOW_MS = 60_000;

/** A login attempt under way, counted as failed until it succeeds. */
export interface LoginAttempt {
  emailKey: string;
  ipKey: string;
  at: number;
}

/** 429: too many failed logins for this email or from this client IP. */
export class LoginThrottledError extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed logins. Try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Failed logins per email (guessing one account's password) and per client IP (trying
 * many accounts), in a sliding window of a minute. Only failures count, so people and
 * scripts that log in correctly are never throttled; once a limit is reached every
 * attempt, the right password too, is refused until the window has room again. A
 * success forgets the email's failures. Counters live in the instance's memory.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  /** Times of failed (or still running) attempts by key, oldest first. */
  private readonly failures = new Map<string, number[]>();
  private readonly limits: { email: number; ip: number };
  private readonly sweep = setInterval(() => this.forgetExpired(), WINDOW_MS).unref();

  constructor(config: AppConfig) {
    this.limits = { email: config.loginMaxAttempts, ip: config.loginMaxAttempts * 5 };
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  /** Seconds until a login for this email from this client IP may be tried; 0 = now. */
  secondsToWait(email: string, clientIp: string): number {
    const now = Date.now();
    return Math.max(
      this.wait(emailKey(email), this.limits.email, now),
      this.wait(ipKey(clientIp), this.limits.ip, now),
    );
  }

  /**
   * Counts an attempt as failed from its start, so parallel guesses cannot all pass
   * `secondsToWait` before the first of them has failed; `succeeded` takes it back.
   */
  begin(email: string, clientIp: string): LoginAttempt {
    const attempt = { emailKey: emailKey(email), ipKey: ipKey(clientIp), at: Date.now() };
    for (const key of [attempt.emailKey, attempt.ipKey]) {
      this.failures.set(key, [...this.recent(key, attempt.at), attempt.at]);
    }
    return attempt;
  }

  /** The attempt succeeded: its email starts afresh, and the client IP is not charged for it. */
  succeeded(attempt: LoginAttempt): void {
    this.failures.delete(attempt.emailKey);
    const times = this.failures.get(attempt.ipKey) ?? [];
    const index = times.indexOf(attempt.at);
    if (index >= 0) times.splice(index, 1);
  }

  private wait(key: string, limit: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < limit) return 0;
    // Room again when the failure that filled the window leaves it.
    return Math.ceil((times[times.length - limit] + WINDOW_MS - now) / 1000);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - WINDOW_MS);
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const key of this.failures.keys()) {
      const times = this.recent(key, now);
      if (times.length) this.failures.set(key, times);
      else this.failures.delete(key);
    }
  }
}

function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

/** The addresses of one IPv6 /64 are one client (normalizeIp's default): such a client picks among 2^64 of them. */
function ipKey(clientIp: string): string {
  return `ip:${normalizeIp(clientIp)}`;
}
