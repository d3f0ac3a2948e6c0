// How long the primary waits before replacing a worker that died. A worker that dies at start (a
// dependency it cannot load, a port it cannot bind) would otherwise be forked again in a tight loop
// that eats the CPU the other workers need; a worker dying after a quiet spell is replaced at once.

export interface RestartBackoffSettings {
  /** The first replacement's delay, and again after a quiet spell. */
  initialMs: number;
  /** The delay doubles per death up to this. */
  maxMs: number;
  /** No death for this long: the next one starts from `initialMs` again. */
  quietMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoffSettings = {
  initialMs: 100,
  maxMs: 10_000,
  quietMs: 30_000,
};

export interface RestartBackoff {
  /** Counts a death at `now` and returns how long to wait before its replacement. */
  next(now: number): number;
}

export function createRestartBackoff(
  settings: RestartBackoffSettings = DEFAULT_RESTART_BACKOFF,
): RestartBackoff {
  let delayMs = 0;
  let lastDeathAt = Number.NEGATIVE_INFINITY;
  return {
    next(now) {
      delayMs =
        now - lastDeathAt >= settings.quietMs ? settings.initialMs : Math.min(settings.maxMs, delayMs * 2);
      lastDeathAt = now;
      return delayMs;
    },
  };
}
