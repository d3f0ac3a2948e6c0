// The integration fixtures plus `tracker`: one in-process tracker per test file, on the file's
// database and Redis prefix, with the default click settings. Files that need other settings start
// their own with `startTracker`.
import { test as base } from "./fixtures.ts";
import { type RunningTracker, startTracker } from "./tracker.ts";

export { describe, expect } from "./fixtures.ts";

export const test = base.extend(
  "tracker",
  { scope: "file" },
  async ({ db, databaseUrl, redisUrl, redisPrefix }, { onCleanup }): Promise<RunningTracker> => {
    const tracker = await startTracker({ db, databaseUrl, redisUrl, redisPrefix });
    onCleanup(() => tracker.close());
    return tracker;
  },
);
