import { describe, expect, it } from "vitest";
import { fillTemplate } from "./macros.ts";

describe("fillTemplate", () => {
  const values = {
    click_id: "0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
    txid: "conv-1",
    payout: "12.50",
    currency: "USD",
    status: "approved",
    sub1: "a b&c=d",
    sub2: "ünï/cödé?#",
    source: null,
    goal: "default",
    offer_id: "42",
  };

  it.each([
    [
      "https://t.example/pb?cid={click_id}&p={payout}",
      "https://t.example/pb?cid=0190f5a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b&p=12.50",
    ],
    ["https://t.example/pb?s1={sub1}", "https://t.example/pb?s1=a%20b%26c%3Dd"],
    ["https://t.example/pb?s2={sub2}", "https://t.example/pb?s2=%C3%BCn%C3%AF%2Fc%C3%B6d%C3%A9%3F%23"],
    ["https://t.example/pb?src={source}&s3={sub3}", "https://t.example/pb?src=&s3="],
    ["https://t.example/pb?x={unknown}&y={SUB1}", "https://t.example/pb?x={unknown}&y={SUB1}"],
    [
      "https://t.example/{offer_id}/{status}?c={currency}&t={txid}&g={goal}",
      "https://t.example/42/approved?c=USD&t=conv-1&g=default",
    ],
    ["https://t.example/pb", "https://t.example/pb"],
  ])("%s", (template, url) => {
    expect(fillTemplate(template, values)).toBe(url);
  });
});
