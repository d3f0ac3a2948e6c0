// The chat's FAQ answer, in the browser. The rule is matchFaq's in @leadrail/db/lead-form (one home);
// that module also holds the zod models, which would blow the widget's 5 KB budget, so the bundle
// carries this copy of the one rule and tracker/src/widget/faq.test.ts checks both agree on a table of
// questions. The rule: the entry with the most keywords found in the question (a keyword of several
// words matches as a phrase, whole words only, case-insensitive); the first on a tie; none when no
// keyword occurs.
import type { Faq } from "./types.ts";

const words = (text: string) => ` ${(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")} `;

export function matchFaq(faq: readonly Faq[], question: string): Faq | undefined {
  const asked = words(question);
  let best: Faq | undefined;
  let bestScore = 0;
  for (const entry of faq) {
    let score = 0;
    for (const keyword of entry.keywords)
      if (words(keyword) !== "  " && asked.includes(words(keyword))) score++;
    if (score > bestScore) [best, bestScore] = [entry, score];
  }
  return best;
}
