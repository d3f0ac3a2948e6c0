// The shapes of the tracker's form endpoints as the widget reads them (docs/widget.md; the contract is
// the tracker's GET /form/:key.json and POST /form/:key with JSON).

export interface Field {
  name: string;
  label: string;
  type: "text" | "email" | "phone" | "select" | "checkbox";
  required: boolean;
  options?: string[];
  placeholder?: string;
  maxLength?: number;
}

export interface Faq {
  question: string;
  keywords: string[];
  answer: string;
}

export interface FormDefinition {
  key: string;
  title: string;
  intro: string;
  fields: Field[];
  consent: { text: string; version: number } | null;
  submitLabel: string;
  thankYou: { title: string; text: string };
  faq: Faq[];
  token: string;
}

export interface Reward {
  kind: string;
  title?: string;
  url?: string;
  code?: string;
  empty?: boolean;
}

export interface Line {
  from: "bot" | "visitor";
  text: string;
  at: string;
}

/** What POST /form/:key answers, whatever its status. */
export interface SubmitAnswer {
  ok: boolean;
  leadId?: string;
  thankYou?: { title: string; text: string };
  reward?: Reward | null;
  errors?: Record<string, string>;
  error?: string;
  message?: string;
}

export type Values = Record<string, string | boolean>;
