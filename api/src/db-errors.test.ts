import { describe, expect, it } from "vitest";
import { conflictOnDuplicate, isUniqueViolation, mapDbErrors, sqlStateOf } from "./db-errors.ts";
import { DomainError } from "./errors.ts";

// The shapes Prisma 7 and the pg driver adapter give a refused write.
const adapterError = (originalCode: string, kind = "postgres") => ({
  name: "PrismaClientKnownRequestError",
  code: "P2010",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind, originalCode } } },
});

describe("database refusals", () => {
  it.each([
    [{ code: "P2002" }, "23505"],
    [adapterError("23505"), "23505"],
    [adapterError("", "UniqueConstraintViolation"), "23505"],
    [adapterError("23514"), "23514"],
    [{ name: "DriverAdapterError", cause: { originalCode: "40P01" } }, "40P01"],
    [new Error("connection refused"), undefined],
    [null, undefined],
  ])("sqlStateOf(%j) = %s", (error, state) => {
    expect(sqlStateOf(error)).toBe(state);
  });

  it("tells a unique violation from other refusals", () => {
    expect(isUniqueViolation(adapterError("23505"))).toBe(true);
    expect(isUniqueViolation(adapterError("23514"))).toBe(false);
  });

  it("turns a race into a typed conflict and lets everything else through", async () => {
    await expect(conflictOnDuplicate(() => Promise.reject({ code: "P2002" }), "taken")).rejects.toEqual(
      new DomainError("conflict", "taken"),
    );
    await expect(mapDbErrors(() => Promise.reject(adapterError("40001")))).rejects.toMatchObject({
      code: "conflict",
    });
    const unknown = new Error("boom");
    await expect(mapDbErrors(() => Promise.reject(unknown))).rejects.toBe(unknown);
    await expect(conflictOnDuplicate(() => Promise.reject(adapterError("23514")), "x")).rejects.toMatchObject(
      {
        meta: expect.anything(),
      },
    );
  });
});
