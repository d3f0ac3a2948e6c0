// w.js: the embeddable lead form (docs/widget.md). The script tag's data attributes say which form,
// how it shows (inline, popup, slide-in, chat) and when (triggers); the form's definition and token
// come from the tracker the script was loaded from, and the lead is posted back there.
import { loadForm, submitLead } from "./api.ts";
import { renderChat } from "./chat-view.ts";
import { findClickId } from "./click-id.ts";
import { emit, h, ready } from "./dom.ts";
import { rewardNode } from "./fields.ts";
import { renderForm } from "./form-view.ts";
import { type Mode, parseTriggers } from "./options.ts";
import { openShell } from "./shell.ts";
import { load, save } from "./storage.ts";
import type { FormDefinition, Line, SubmitAnswer, Values } from "./types.ts";

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const key = data.form ?? "";

// A form key is URL-safe (FORM_KEY in @leadrail/db/lead-form): it goes into URLs as it is.
if (script && /^[\w-]{8,32}$/.test(key)) {
  const { target } = data;
  // An unknown mode shows as a popup.
  const mode = data.mode as Mode;
  // https://t.example/w.js -> https://t.example; a tracker under a path keeps it.
  const base = script.src.replace(/\/[^/]*$/, "");
  const triggers = parseTriggers(data.trigger);
  const clickParam = data.clickParam || "click_id";
  // Remembered on the landing page even when the form shows only pages later.
  findClickId(clickParam, data.clickId);
  const inline = mode === "inline" || (mode === "chat" && !!target);
  const shownKey = `shown:${key}`;
  let open = false;
  let shownHere = false;

  const mountInline = (host: HTMLElement) => {
    let place: Element | null = null;
    try {
      place = target ? document.querySelector(target) : null;
    } catch {}
    if (place) place.append(host);
    else if (script.parentElement === document.head) document.body.append(host);
    else script.before(host);
  };

  /** Shows the form; automatic triggers only once per visitor (click: whenever the visitor asks). */
  const show = async (byClick: boolean) => {
    if (open || (!byClick && !inline && (shownHere || load(shownKey)))) return;
    open = true;
    const clickId = findClickId(clickParam, data.clickId);
    let def: FormDefinition;
    try {
      def = await loadForm(base, key, clickId);
    } catch {
      // No form (unknown key, paused offer, tracker down): the page goes on without it.
      open = false;
      return;
    }
    shownHere = true;
    if (!inline) save(shownKey, "1");
    const frame = inline ? "inline" : mode === "slidein" || mode === "chat" ? "corner" : "modal";
    const shell = openShell(
      frame,
      def.title,
      inline ? mountInline : (host) => document.body.append(host),
      () => {
        open = false;
        emit("closed", key);
      },
    );
    const post = async (
      fields: Values,
      consent: boolean,
      hp: string,
      channel: "widget" | "chat",
      conversation?: Line[],
    ): Promise<SubmitAnswer> => {
      const answer = await submitLead(base, key, {
        token: def.token,
        click_id: clickId,
        fields,
        consent,
        channel,
        conversation,
        hp,
      });
      // An expired form token: the next attempt gets a fresh one.
      if (/token/.test(answer.error ?? ""))
        loadForm(base, key, clickId)
          .then((fresh) => {
            def.token = fresh.token;
          })
          .catch(() => {});
      if (answer.ok) emit("submitted", key, answer.leadId);
      return answer;
    };

    if (mode === "chat") renderChat(def, shell.body, (f, c, hp, lines) => post(f, c, hp, "chat", lines));
    else
      renderForm(
        def,
        shell.body,
        (f, c, hp) => post(f, c, hp, "widget"),
        (answer) => {
          const thanks = answer.thankYou ?? def.thankYou;
          shell.heading.textContent = thanks.title;
          shell.body.replaceChildren(h("p", null, thanks.text), rewardNode(answer.reward) ?? "");
          shell.heading.focus();
        },
      );
    // A modal takes focus; a corner panel only when the visitor asked for it (clicked), not while
    // they are busy with the page.
    if (frame === "modal" || byClick) shell.focus();
    emit("shown", key);
  };

  ready(() => {
    if (inline || !triggers.length) return void show(false);
    for (const trigger of triggers) {
      if (trigger[0] === "delay") setTimeout(show, trigger[1] * 1000, false);
      else if (trigger[0] === "scroll") {
        const percent = trigger[1];
        // show() itself ignores the scroll events after the first that reaches the depth.
        addEventListener(
          "scroll",
          () =>
            (scrollY + innerHeight) * 100 >= document.documentElement.scrollHeight * percent && show(false),
          { passive: true },
        );
      } else if (trigger[0] === "exit")
        // Leaving through the top of the window (towards the tabs and the address bar), on desktop.
        document.addEventListener("mouseout", (e) => {
          if (!e.relatedTarget && e.clientY <= 0) void show(false);
        });
      else {
        const selector = trigger[1];
        // Delegated, so a button the page adds later works too. An invalid selector throws here, in
        // the console of the page that wrote it, and breaks nothing else.
        document.addEventListener("click", (e) => {
          if (!(e.target as Element).closest?.(selector)) return;
          e.preventDefault();
          void show(true);
        });
      }
    }
  });
}
