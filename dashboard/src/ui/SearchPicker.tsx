// A searchable picker for lists too long for a <select> (accounts, users, offers): type part of a name,
// the API's search is asked, its answers are listed as options to pick with the keyboard or the mouse.
// It follows the WAI-ARIA 1.2 combobox pattern (an input with role combobox that owns a listbox, the
// active option named by aria-activedescendant while focus stays in the input). The value is an id;
// what to search is passed in (`search`, or `useGraphqlSearch` for a urql document), so any list can
// use it. In a react-hook-form form, wire it through `Controller` (value/onChange/onBlur/ref).
import {
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { type AnyVariables, type DocumentInput, useClient } from "urql";
import { sentence } from "./zod-form.tsx";

export interface PickerOption {
  id: string;
  /** What the option is called (the input shows it once picked). */
  label: string;
  /** A second line to tell similar options apart (an e-mail, an id). */
  detail?: string;
}

/** How long typing must pause before the API is asked, so a word is one request, not one per letter. */
const SEARCH_PAUSE_MS = 250;

export function SearchPicker(props: {
  label: string;
  /** The picked option's id, or null / "" for none. */
  value: string | null;
  onChange: (id: string | null, option: PickerOption | null) => void;
  /** The options for what was typed ("" when nothing is: the first few). */
  search: (text: string) => Promise<PickerOption[]>;
  /** Shown in the input while `value` is this option's id (e.g. a user's current account). */
  initial?: PickerOption | null;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
  hint?: ReactNode;
  /** A refusal to show under the input (the form's error for this field). */
  error?: string;
  disabled?: boolean;
  wide?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const noticeId = `${id}-notice`;
  const [chosen, setChosen] = useState<PickerOption | null>(() =>
    props.initial && props.initial.id === props.value ? props.initial : null,
  );
  const [text, setText] = useState(chosen?.label ?? "");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [active, setActive] = useState(-1);
  const [state, setState] = useState<"idle" | "searching" | "failed">("idle");
  const asked = useRef(0);
  const { search, onChange } = props;

  // The form may clear the value (a reset after a save): the input follows.
  useEffect(() => {
    if (!props.value && chosen) {
      setChosen(null);
      setText("");
    }
  }, [props.value, chosen]);

  // Ask for the options of what is typed, after a pause; an answer to an older question is dropped.
  useEffect(() => {
    if (!open) return;
    const question = ++asked.current;
    setState("searching");
    const timer = setTimeout(
      () => {
        search(chosen && text === chosen.label ? "" : text.trim()).then(
          (found) => {
            if (question !== asked.current) return;
            setOptions(found);
            setActive(found.length > 0 ? 0 : -1);
            setState("idle");
          },
          () => {
            if (question === asked.current) setState("failed");
          },
        );
      },
      text ? SEARCH_PAUSE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [open, text, search, chosen]);

  const pick = useCallback(
    (option: PickerOption) => {
      setChosen(option);
      setText(option.label);
      setOpen(false);
      setActive(-1);
      onChange(option.id, option);
    },
    [onChange],
  );

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => Math.min(i + 1, options.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (open) setActive((i) => Math.max(i - 1, 0));
        break;
      case "Home":
        if (open && options.length > 0) {
          event.preventDefault();
          setActive(0);
        }
        break;
      case "End":
        if (open && options.length > 0) {
          event.preventDefault();
          setActive(options.length - 1);
        }
        break;
      case "Enter": {
        const option = open ? options[active] : undefined;
        // Enter picks the active option; it does not submit the form while the list is open.
        if (open) event.preventDefault();
        if (option && state !== "searching") pick(option);
        break;
      }
      case "Escape":
        if (open) {
          // Inside a dialog, Esc closes the list, not the dialog.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (text) {
          event.preventDefault();
          event.stopPropagation();
          setText("");
          setChosen(null);
          onChange(null, null);
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  }

  const activeOption = open ? options[active] : undefined;
  const notice =
    state === "failed"
      ? "The search failed: type again to retry."
      : state === "searching"
        ? "Searching…"
        : options.length === 0
          ? text.trim()
            ? `Nothing matches “${text.trim()}”.`
            : "Nothing to choose yet."
          : options.length === 1
            ? "1 match: Enter picks it."
            : `${options.length} matches: arrow keys move, Enter picks.`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ");

  return (
    <div className={props.wide ? "field picker wide" : "field picker"}>
      <label htmlFor={id}>{props.label}</label>
      <div className="picker-control">
        <input
          id={id}
          ref={props.inputRef}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeOption ? `${id}-option-${activeOption.id}` : undefined}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy || undefined}
          placeholder={props.placeholder ?? "Type to search…"}
          disabled={props.disabled}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            if (chosen) {
              // Typing over a picked option unpicks it: the value is only ever an option's id.
              setChosen(null);
              onChange(null, null);
            }
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            props.onBlur?.();
          }}
          onKeyDown={onKeyDown}
        />
        {/* Always in the page (aria-controls must point at something); hidden while closed. Named
            "Matches", not by the label, so the label finds one control. */}
        <div id={listId} role="listbox" aria-label="Matches" className="picker-list" hidden={!open}>
          {open
            ? options.map((option, index) => (
                <div
                  key={option.id}
                  id={`${id}-option-${option.id}`}
                  role="option"
                  // Focus stays in the input (aria-activedescendant); -1 keeps the option out of the Tab order.
                  tabIndex={-1}
                  aria-selected={index === active}
                  className={index === active ? "active" : undefined}
                  // Picked on mousedown, before the input's blur closes the list.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(option);
                  }}
                  onMouseMove={() => setActive(index)}
                >
                  <span>{option.label}</span>
                  {option.detail ? <span className="muted small"> {option.detail}</span> : null}
                </div>
              ))
            : null}
        </div>
      </div>
      {/* Read out as it changes; on screen only when no list shows (the list says it for the eye). */}
      <span
        id={noticeId}
        className={open && options.length === 0 ? "muted small" : "sr-only"}
        aria-live="polite"
      >
        {open ? notice : ""}
      </span>
      {props.hint ? (
        <span id={hintId} className="muted field-hint">
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span id={errorId} className="field-error">
          {sentence(props.error)}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A picker's `search` from a urql query document: `variables` turns the typed text into the query's
 * variables, `pick` the answer into options. Always asks the network, so a just-created row is found.
 */
export function useGraphqlSearch<Data, Variables extends AnyVariables>(
  document: DocumentInput<Data, Variables>,
  variables: (text: string) => Variables,
  pick: (data: Data) => PickerOption[],
): (text: string) => Promise<PickerOption[]> {
  const client = useClient();
  // The callers pass inline functions; the latest are read through refs so `search` stays the same
  // function (the picker asks again whenever `search` changes).
  const variablesRef = useRef(variables);
  variablesRef.current = variables;
  const pickRef = useRef(pick);
  pickRef.current = pick;
  return useCallback(
    async (text: string) => {
      const result = await client
        .query(document, variablesRef.current(text), { requestPolicy: "network-only" })
        .toPromise();
      if (result.error) throw result.error;
      return result.data ? pickRef.current(result.data) : [];
    },
    [client, document],
  );
}
