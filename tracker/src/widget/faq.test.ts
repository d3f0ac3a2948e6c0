// The widget carries its own copy of the FAQ rule (the shared module's zod models would not fit its
// 5 KB); both must answer every question alike.
import { type FaqEntry, matchFaq } from "@leadrail/db/lead-form";
import { describe, expect, it } from "vitest";
import { matchFaq as widgetMatchFaq } from "../../widget/faq.ts";

const FAQ: FaqEntry[] = [
  { question: "How much?", keywords: ["price", "cost", "how much"], answer: "price" },
  { question: "Where?", keywords: ["texas", "coverage", "new york"], answer: "where" },
  { question: "Pets?", keywords: ["pet", "dog", "cat"], answer: "pets" },
  { question: "Cost of pets?", keywords: ["pet cost", "cost", "dog"], answer: "pet cost" },
  { question: "Ümlaut?", keywords: ["größe", "café"], answer: "unicode" },
  { question: "Numbers?", keywords: ["24/7", "401k"], answer: "numbers" },
];

const QUESTIONS: [string, string | null][] = [
  ["What is the price?", "price"],
  ["PRICE!!!", "price"],
  ["how much is it", "price"],
  ["How   much?", "price"],
  ["howmuch", null],
  ["What's the cost for my dog?", "pet cost"],
  ["pet cost please", "pet cost"],
  ["Do you cover New York?", "where"],
  ["newyork", null],
  ["new-york coverage", "where"],
  ["Do you insure pets?", null],
  ["Do you insure a pet?", "pets"],
  ["catalogue", null],
  ["cat and dog", "pets"],
  ["Größe?", "unicode"],
  ["CAFÉ", "unicode"],
  ["open 24 7?", "numbers"],
  ["my 401k", "numbers"],
  ["", null],
  ["   ", null],
  ["<script>price</script>", "price"],
  ["nothing we know", null],
];

describe("the widget's FAQ rule", () => {
  it.each(QUESTIONS)("%j", (question, expected) => {
    const shared = matchFaq(FAQ, question);
    expect(shared?.answer ?? null).toBe(expected);
    expect(widgetMatchFaq(FAQ, question) ?? null).toBe(shared);
  });

  it("agrees on an empty FAQ and on entries whose keywords have no words", () => {
    const odd: FaqEntry[] = [{ question: "?", keywords: ["!!!", " "], answer: "never" }, ...FAQ];
    for (const [question] of QUESTIONS) {
      expect(widgetMatchFaq([], question)).toBeUndefined();
      expect(widgetMatchFaq(odd, question) ?? null).toBe(matchFaq(odd, question));
    }
  });
});
