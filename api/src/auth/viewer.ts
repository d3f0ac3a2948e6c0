// Resolves the caller from `Authorization: Bearer <token>`: API keys (lr_...) or dashboard sessions.
import { type Db, hashApiKey, resolveApiKey, USER_WITH_ACCOUNT, userMayAct } from "@leadrail/db";
import type { Viewer } from "../context.ts";

// A user of a suspended account acts as nobody, like a disabled user (@leadrail/db api-key-auth.ts,
// shared with the tracker's lead API).

export async function resolveViewer(
  db: Db,
  authorization: string | null,
  now = new Date(),
): Promise<Viewer | null> {
  const match = authorization?.match(/^Bearer\s+(\S{8,512})$/i);
  const token = match?.[1];
  if (!token) return null;
  // Both kinds are high-entropy random strings: a SHA-256 lookup is safe and constant-cost.
  if (token.startsWith("lr_")) {
    const user = await resolveApiKey(db, token);
    return user === null ? null : toViewer({ ...user, id: user.userId }, "api_key", null);
  }
  const tokenHash = hashApiKey(token);
  const session = await db.session.findUnique({ where: { tokenHash }, include: USER_WITH_ACCOUNT });
  if (!session || session.expiresAt <= now || !userMayAct(session.user)) return null;
  return toViewer(session.user, "session", session.id);
}

function toViewer(
  user: { id: number; role: Viewer["role"]; advertiserId: number | null; publisherId: number | null },
  via: Viewer["via"],
  sessionId: number | null,
): Viewer {
  const { id: userId, role, advertiserId, publisherId } = user;
  return { userId, role, advertiserId, publisherId, via, sessionId };
}
