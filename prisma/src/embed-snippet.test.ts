import { describe, expect, test } from "vitest";
import { embedAttributes, embedSnippet, hostedFormUrl, widgetScriptUrl } from "./embed-snippet.ts";

const T = "https://t.example.com/";

describe("embed snippet", () => {
  test("the hosted URL and the inline default", () => {
    expect(hostedFormUrl(T, "k3yAbc_-12")).toBe("https://t.example.com/form/k3yAbc_-12");
    expect(embedSnippet(widgetScriptUrl(T), "k3yAbc_-12")).toBe(
      '<script src="https://t.example.com/w.js" data-form="k3yAbc_-12" data-mode="inline" async></script>',
    );
  });

  // The attributes tracker/widget/main.ts reads: data-mode, and data-trigger as kind:argument.
  test.each([
    [{ mode: "chat" }, [["data-mode", "chat"]]],
    [
      { mode: "popup" },
      [
        ["data-mode", "popup"],
        ["data-trigger", "delay:5"],
      ],
    ],
    [
      { mode: "popup", trigger: "delay", delaySeconds: 9999 },
      [
        ["data-mode", "popup"],
        ["data-trigger", "delay:600"],
      ],
    ],
    [
      { mode: "slidein", trigger: "scroll", scrollPercent: 0 },
      [
        ["data-mode", "slidein"],
        ["data-trigger", "scroll:1"],
      ],
    ],
    [
      { mode: "popup", trigger: "exit" },
      [
        ["data-mode", "popup"],
        ["data-trigger", "exit"],
      ],
    ],
    [
      { mode: "popup", trigger: "click", clickSelector: "  " },
      [
        ["data-mode", "popup"],
        ["data-trigger", "click:.leadrail-open"],
      ],
    ],
    // An inline form ignores trigger options: it shows where the script is.
    [{ mode: "inline", trigger: "exit", delaySeconds: 3 }, [["data-mode", "inline"]]],
  ] as const)("%o", (options, extra) => {
    expect(embedAttributes("K", options)).toEqual([["data-form", "K"], ...extra]);
  });

  test("a selector with quotes and markup cannot break out of its attribute", () => {
    const snippet = embedSnippet(widgetScriptUrl(T), "K", {
      mode: "popup",
      trigger: "click",
      clickSelector: `a[href="#x"]"><img src=x onerror=alert(1)>`,
    });
    expect(snippet).toContain(
      'data-trigger="click:a[href=&quot;#x&quot;]&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"',
    );
    expect(snippet.match(/</g)).toHaveLength(2);
  });
});
