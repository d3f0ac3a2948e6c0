import type { Db, Role } from "@leadrail/db";

/** Who is calling: resolved once per request from the Authorization header. */
export interface Viewer {
  userId: number;
  role: Role;
  advertiserId: number | null;
  publisherId: number | null;
  /** How they authenticated: API keys are for scripts, sessions for the dashboard. */
  via: "api_key" | "session";
  /** The dashboard session, so logout can end exactly this one. */
  sessionId: number | null;
}

export interface Context {
  db: Db;
  viewer: Viewer | null;
  sessionTtlHours: number;
}
