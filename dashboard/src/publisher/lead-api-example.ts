// The copyable request on the lead API screen: a curl command for one offer, with a sample value per
// field that the offer's form rules accept. Pure, so the screen and its tests build the same text.

export interface ExampleField {
  name: string;
  type: string;
  required: boolean;
  options?: readonly string[] | null;
}

export interface ExampleOffer {
  id: string;
  fields: readonly ExampleField[];
  consentVersion: number;
}

/** A value the field's type accepts (an e-mail, a phone with its country code, the first option…). */
export function sampleValue(field: ExampleField): string | boolean {
  switch (field.type) {
    case "email":
      return "ada@example.com";
    case "phone":
      return "+442079460958";
    case "checkbox":
      return true;
    case "select":
      return field.options?.[0] ?? "";
    default:
      return /name/.test(field.name) ? "Ada Lovelace" : "example";
  }
}

/** The JSON body of the example lead. */
export function exampleBody(offer: ExampleOffer): Record<string, unknown> {
  return {
    offer_id: Number(offer.id),
    fields: Object.fromEntries(offer.fields.map((field) => [field.name, sampleValue(field)])),
    ...(offer.consentVersion > 0 ? { consent: { given: true, text_version: offer.consentVersion } } : {}),
    sub1: "campaign-1",
  };
}

/** Single-quoted for a POSIX shell: the only character to escape is the quote itself. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlExample(input: {
  endpoint: string;
  apiKey: string;
  requestId: string;
  offer: ExampleOffer;
}): string {
  return [
    `curl -sS -X POST ${shellQuote(input.endpoint)}`,
    `  -H ${shellQuote(`Authorization: Bearer ${input.apiKey}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -H ${shellQuote(`Idempotency-Key: ${input.requestId}`)}`,
    `  -d ${shellQuote(JSON.stringify(exampleBody(input.offer)))}`,
  ].join(" \\\n");
}
