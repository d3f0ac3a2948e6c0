import { describe, expect, test } from "vitest";
import { contactLockIds } from "./original-lead-claim.ts";

describe("contactLockIds", () => {
  const both = { emailKey: "e".repeat(32), phoneKey: "p".repeat(32) };

  test("one id per contact, sorted, so two leads sharing both contacts lock in one order", () => {
    const ids = contactLockIds(7, both);
    expect(ids).toHaveLength(2);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(contactLockIds(7, { emailKey: both.phoneKey, phoneKey: both.emailKey })).toEqual(ids);
  });

  test("no contact, no lock; one contact, one lock shared with the lead that has both", () => {
    expect(contactLockIds(7, { emailKey: null, phoneKey: null })).toEqual([]);
    const [emailOnly] = contactLockIds(7, { emailKey: both.emailKey, phoneKey: null });
    expect(contactLockIds(7, both)).toContain(emailOnly);
  });

  test("the same contact at another advertiser is another lock", () => {
    expect(contactLockIds(8, both)).not.toEqual(contactLockIds(7, both));
  });

  test("ids fit PostgreSQL's int4", () => {
    for (const id of contactLockIds(2_147_483_647, both)) {
      expect(Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31).toBe(true);
    }
  });
});
