import { expect, test } from "vitest";
import { temperatureOf } from "./temperature.tsx";

test("a lead's temperature once the query selects it, nothing before", () => {
  expect(temperatureOf({ id: "1", status: "PENDING" })).toBeNull();
  expect(temperatureOf({ id: "1", temperature: "HOT" })).toBe("HOT");
  expect(temperatureOf({ id: "1", temperature: null })).toBeNull();
});
