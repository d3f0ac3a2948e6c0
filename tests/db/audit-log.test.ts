// The audit log is evidence: once written, a row can be neither edited nor removed, whatever the
// application code does (a trigger raises on UPDATE and DELETE).
import { dbErrorOf, INSUFFICIENT_PRIVILEGE } from "../src/db-errors.ts";
import { describe, expect, test } from "../src/fixtures.ts";

describe("audit_log is append-only", () => {
  test("rows can be inserted but not updated or deleted", async ({ db }) => {
    const entry = await db.auditLog.create({
      data: {
        actorLabel: "system",
        action: "statement.approve",
        entityType: "PayoutStatement",
        entityId: "42",
        after: { status: "APPROVED" },
      },
    });

    const update = await dbErrorOf(
      db.auditLog.update({ where: { id: entry.id }, data: { action: "statement.reject" } }),
    );
    expect(update).toMatchObject({ code: INSUFFICIENT_PRIVILEGE, message: "audit_log is append-only" });
    const remove = await dbErrorOf(db.auditLog.delete({ where: { id: entry.id } }));
    expect(remove).toMatchObject({ code: INSUFFICIENT_PRIVILEGE, message: "audit_log is append-only" });
    const rawDelete = await dbErrorOf(db.$executeRaw`delete from audit_log where id = ${entry.id}`);
    expect(rawDelete.code).toBe(INSUFFICIENT_PRIVILEGE);

    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});
