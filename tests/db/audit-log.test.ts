// The audit log is evidence: once written, a row can be neither edited nor removed, whatever the
// application code does (a row trigger raises on UPDATE and DELETE, a statement trigger on TRUNCATE,
// which row triggers do not see).
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

  test("TRUNCATE is refused too, and the rows stay", async ({ db }) => {
    const entry = await db.auditLog.create({
      data: { actorLabel: "system", action: "statement.pay", entityType: "PayoutStatement", entityId: "7" },
    });
    const before = await db.auditLog.count();

    for (const sql of ["truncate audit_log", "truncate table only audit_log restart identity cascade"]) {
      const error = await dbErrorOf(db.$executeRawUnsafe(sql));
      expect(error).toMatchObject({ code: INSUFFICIENT_PRIVILEGE, message: "audit_log is append-only" });
    }

    expect(await db.auditLog.count()).toBe(before);
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});
