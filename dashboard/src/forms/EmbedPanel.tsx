// The widget snippet to paste into the advertiser's own pages, built as the options are picked: inline
// where the script sits, a pop-up or slide-in opened by a delay, scroll depth, exit intent or a click,
// or the chat-style conversation. The hosted form's address is here too, for links and QR codes.
import {
  EMBED_MODES,
  EMBED_TRIGGERS,
  type EmbedMode,
  type EmbedOptions,
  type EmbedTrigger,
  embedSnippet,
  hasTrigger,
} from "@leadrail/db/embed-snippet";
import { useState } from "react";
import { CopyButton } from "../ui/CopyButton.tsx";
import { Field } from "../ui/Field.tsx";

const MODE_WORDS: Record<EmbedMode, string> = {
  inline: "Inline (in the page)",
  popup: "Pop-up",
  slidein: "Slide-in (corner)",
  chat: "Chat (one question at a time)",
};
const TRIGGER_WORDS: Record<EmbedTrigger, string> = {
  delay: "after a delay",
  scroll: "when the visitor scrolls down",
  exit: "when the visitor is about to leave (exit intent)",
  click: "when the visitor clicks an element",
};

export function EmbedPanel({
  formKey,
  scriptUrl,
  hostedUrl,
}: {
  formKey: string;
  scriptUrl: string;
  hostedUrl: string;
}) {
  const [options, setOptions] = useState<EmbedOptions>({
    mode: "inline",
    trigger: "delay",
    delaySeconds: 5,
    scrollPercent: 50,
    clickSelector: ".leadrail-open",
  });
  const set = (patch: Partial<EmbedOptions>) => setOptions((o) => ({ ...o, ...patch }));
  const snippet = embedSnippet(scriptUrl, formKey, options);
  const number = (text: string) => (/^\d+$/.test(text) ? Number(text) : 0);
  return (
    <section className="panel" aria-labelledby="embed-heading">
      <h2 id="embed-heading">Embed on your site</h2>
      <p className="muted">
        Paste this where the form should appear (inline, chat) or anywhere in the page (pop-up, slide-in).
        Leads from a page a publisher's click led to are attributed to that click.
      </p>
      <div className="offer-form">
        <fieldset>
          <legend>Widget</legend>
          <Field label="Display" error={null}>
            <select value={options.mode} onChange={(e) => set({ mode: e.target.value as EmbedMode })}>
              {EMBED_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {MODE_WORDS[mode]}
                </option>
              ))}
            </select>
          </Field>
          {hasTrigger(options.mode) ? (
            <>
              <Field label="Open it" error={null}>
                <select
                  value={options.trigger}
                  onChange={(e) => set({ trigger: e.target.value as EmbedTrigger })}
                >
                  {EMBED_TRIGGERS.map((trigger) => (
                    <option key={trigger} value={trigger}>
                      {TRIGGER_WORDS[trigger]}
                    </option>
                  ))}
                </select>
              </Field>
              {options.trigger === "delay" ? (
                <Field label="Delay (seconds)" error={null}>
                  <input
                    inputMode="numeric"
                    value={String(options.delaySeconds ?? "")}
                    onChange={(e) => set({ delaySeconds: number(e.target.value) })}
                  />
                </Field>
              ) : null}
              {options.trigger === "scroll" ? (
                <Field label="Scrolled (% of the page)" error={null}>
                  <input
                    inputMode="numeric"
                    value={String(options.scrollPercent ?? "")}
                    onChange={(e) => set({ scrollPercent: number(e.target.value) })}
                  />
                </Field>
              ) : null}
              {options.trigger === "click" ? (
                <Field label="Element to click (CSS selector)" error={null}>
                  <input
                    value={options.clickSelector ?? ""}
                    onChange={(e) => set({ clickSelector: e.target.value })}
                  />
                </Field>
              ) : null}
              <p className="muted wide">
                {options.trigger === "click"
                  ? "It opens every time the element is clicked."
                  : "It opens once per visitor: someone who closed it is not asked again."}
              </p>
            </>
          ) : null}
        </fieldset>
      </div>
      <p>
        <strong>Snippet</strong>
      </p>
      <pre className="snippet">
        <code data-testid="embed-snippet">{snippet}</code>
      </pre>
      <CopyButton text={snippet} label="Copy snippet" />
      <p>
        <strong>Hosted form</strong> (also where clicks land when the landing below is the hosted form)
      </p>
      <p>
        <code data-testid="hosted-url">{hostedUrl}</code> <CopyButton text={hostedUrl} label="Copy address" />{" "}
        <a href={hostedUrl} target="_blank" rel="noreferrer">
          Open
        </a>
      </p>
    </section>
  );
}
