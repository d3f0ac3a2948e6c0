// Publisher postback settings: the URLs Leadrail calls when one of your conversions changes status.
import { POSTBACK_MACROS } from "@leadrail/db/macros";
import { POSTBACK_STATUSES, postbackTemplateForm } from "@leadrail/db/publisher-postback-input";
import { useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql, type ResultOf, type VariablesOf } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { DataTable } from "../ui/DataTable.tsx";
import { formatEnum } from "../ui/format.ts";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";
import { applyRefusal, FormInput, FormSelect, useZodForm } from "../ui/zod-form.tsx";

const TemplatesQuery = graphql(`
  query PostbackTemplates {
    postbackTemplates(first: 50) {
      edges {
        node {
          id active method urlTemplate statuses secret offer { id name }
          recentDeliveries(first: 1) { id test httpStatus error createdAt }
        }
      }
    }
  }
`);

// Offers a template can be limited to: those the publisher has applied to (the API refuses others).
const OfferChoicesQuery = graphql(`
  query PostbackOfferChoices {
    marketplace(first: 100, sort: NAME) { edges { node { id name myApplication { status } } } }
  }
`);

const SetTemplateMutation = graphql(`
  mutation SetPostbackTemplate($input: PostbackTemplateInput!) {
    setPostbackTemplate(input: $input) {
      __typename
      ... on MutationSetPostbackTemplateSuccess { data { id active } }
      ... on DomainError { message fields { path message } }
    }
  }
`);

const TestFireMutation = graphql(`
  mutation TestPostbackTemplate($id: ID!) {
    testPostbackTemplate(id: $id) {
      __typename
      ... on MutationTestPostbackTemplateSuccess { data }
      ... on DomainError { message }
    }
  }
`);

// The tracker delivers a test fire within a second or two when it is idle: look a few times, then
// leave the latest outcome to the next visit.
const TEST_FIRE_POLLS = 8;
const TEST_FIRE_POLL_MS = 1500;

type Attempt = { id: string; test: boolean; httpStatus: number | null; error: string | null };

function attemptText(attempt: Attempt | undefined): string {
  if (!attempt) return "never fired";
  const outcome = attempt.httpStatus !== null ? `HTTP ${attempt.httpStatus}` : (attempt.error ?? "no answer");
  return attempt.test ? `test: ${outcome}` : outcome;
}

type Template = ResultOf<typeof TemplatesQuery>["postbackTemplates"]["edges"][number]["node"];
const MACROS = POSTBACK_MACROS.map((macro) => `{${macro}}`).join(" ");

export function Postbacks() {
  const [result, refetch] = useQuery({ query: TemplatesQuery });
  const [choices] = useQuery({ query: OfferChoicesQuery });
  const offers =
    choices.data?.marketplace.edges
      .map((edge) => edge.node)
      .filter((offer) => offer.myApplication && offer.myApplication.status !== "REJECTED") ?? [];
  const [saving, save] = useMutation(SetTemplateMutation);
  const [message, setMessage] = useState<string | null>(null);
  const [, fire] = useMutation(TestFireMutation);
  // Templates whose test fire is waiting for its attempt to show.
  const [firing, setFiring] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(new Map<string, string | undefined>());
  const nodes = result.data?.postbackTemplates.edges.map((edge) => edge.node) ?? [];
  for (const node of nodes) latest.current.set(node.id, node.recentDeliveries[0]?.id);

  async function testFire(id: string) {
    const before = latest.current.get(id);
    setFiring((set) => new Set(set).add(id));
    const outcome = outcomeOf(await fire({ id }), "testPostbackTemplate");
    setMessage(outcome.ok ? "Test fire queued." : outcome.message);
    if (outcome.ok) {
      for (let poll = 0; poll < TEST_FIRE_POLLS && latest.current.get(id) === before; poll++) {
        await new Promise((resolve) => setTimeout(resolve, TEST_FIRE_POLL_MS));
        refetch({ requestPolicy: "network-only" });
      }
      if (latest.current.get(id) === before) setMessage("Test fire queued; no answer yet, look again later.");
      else setMessage(null);
    }
    setFiring((set) => {
      const next = new Set(set);
      next.delete(id);
      return next;
    });
  }

  async function toggle(node: Template) {
    // A replace: everything the template has must go along, or it would fall back to every offer
    // and every status.
    const outcome = outcomeOf(
      await save({
        input: {
          id: node.id,
          offerId: node.offer?.id ?? null,
          method: node.method,
          urlTemplate: node.urlTemplate,
          statuses: node.statuses,
          active: !node.active,
        },
      }),
      "setPostbackTemplate",
    );
    setMessage(outcome.ok ? null : outcome.message);
    refetch({ requestPolicy: "network-only" });
  }

  return (
    <section>
      <h1>Postbacks</h1>
      <p className="muted">Macros: {MACROS}</p>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.postbackTemplates.edges.length === 0}
        empty="No postbacks yet: add your tracker's URL below."
      >
        {(data) => (
          <DataTable<Template>
            label="Postback templates"
            rows={data.postbackTemplates.edges.map((edge) => edge.node)}
            rowKey={(node) => node.id}
            columns={[
              {
                id: "url",
                header: "URL",
                cell: (node) => (
                  <code className="link-url" title={node.urlTemplate}>
                    {node.urlTemplate}
                  </code>
                ),
              },
              {
                id: "method",
                header: "Method",
                sortValue: (node) => node.method,
                cell: (node) => (node.method === "POST_JSON" ? "POST (JSON, signed)" : "GET"),
              },
              {
                id: "offer",
                header: "Offer",
                sortValue: (node) => node.offer?.name ?? "",
                cell: (node) => node.offer?.name ?? "All offers",
              },
              {
                id: "statuses",
                header: "Statuses",
                cell: (node) =>
                  node.statuses.length ? node.statuses.map(formatEnum).join(", ") : "Every status",
              },
              {
                id: "state",
                header: "State",
                sortValue: (node) => node.active,
                cell: (node) => <StatusBadge status={node.active ? "ACTIVE" : "PAUSED"} />,
              },
              {
                id: "last",
                header: "Last delivery",
                cell: (node) => (
                  <span data-testid="last-delivery">
                    {firing.has(node.id) ? "firing…" : attemptText(node.recentDeliveries[0])}
                  </span>
                ),
              },
              {
                id: "actions",
                header: <span className="visually-hidden">Actions</span>,
                cell: (node) => (
                  <span className="actions">
                    <CopyButton text={node.urlTemplate} />
                    <button
                      type="button"
                      className="secondary"
                      disabled={firing.has(node.id)}
                      onClick={() => testFire(node.id)}
                    >
                      Test fire
                    </button>
                    <button type="button" className="secondary" onClick={() => toggle(node)}>
                      {node.active ? "Deactivate" : "Activate"}
                    </button>
                  </span>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <AddPostback
        offers={offers}
        busy={saving.fetching}
        save={async (input) => {
          setMessage(null);
          const answer = await save({ input });
          refetch({ requestPolicy: "network-only" });
          const outcome = outcomeOf(answer, "setPostbackTemplate");
          if (outcome.ok) setMessage("Postback saved.");
          // A request that failed as a whole (network, GraphQL error) is said as a refusal without fields.
          return outcome.ok || answer.data?.setPostbackTemplate
            ? answer.data?.setPostbackTemplate
            : { __typename: "DomainError", message: outcome.message, fields: null };
        }}
      />
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

type SaveAnswer =
  | { __typename: "MutationSetPostbackTemplateSuccess" }
  | {
      __typename: "DomainError";
      message: string;
      fields: readonly { path: string[]; message: string }[] | null;
    }
  | undefined;

/**
 * Adding a template: the API's own field rules (@leadrail/db/publisher-postback-input) run as it is
 * filled in, and a refusal only the API can make (an address inside a private network) lands on its
 * field too.
 */
function AddPostback(props: {
  offers: readonly { id: string; name: string }[];
  busy: boolean;
  save: (input: VariablesOf<typeof SetTemplateMutation>["input"]) => Promise<SaveAnswer>;
}) {
  const form = useZodForm(postbackTemplateForm, {
    defaultValues: { urlTemplate: "", offerId: "", method: "GET", statuses: [], secret: "" },
  });
  const [refused, setRefused] = useState<string | null>(null);
  const method = form.watch("method");

  const submit = form.handleSubmit(async (input) => {
    setRefused(null);
    const answer = await props.save(input);
    if (answer?.__typename === "DomainError") setRefused(applyRefusal(form, answer));
    else form.reset();
  });

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="Add a postback">
      <h2>Add a postback</h2>
      <FormInput
        form={form}
        name="urlTemplate"
        label="URL template"
        placeholder="https://tracker.example/pb?cid={click_id}"
        autoComplete="off"
        spellCheck={false}
      />
      <FormSelect form={form} name="offerId" label="Offer">
        <option value="">All my offers</option>
        {props.offers.map((offer) => (
          <option key={offer.id} value={offer.id}>
            {offer.name}
          </option>
        ))}
      </FormSelect>
      <FormSelect form={form} name="method" label="Method">
        <option value="GET">GET</option>
        <option value="POST_JSON">POST (JSON, signed)</option>
      </FormSelect>
      {method === "POST_JSON" ? (
        <FormInput
          form={form}
          name="secret"
          label="Signing secret (optional)"
          hint="Your key for the X-Leadrail-Signature header, 16 to 200 characters; left empty, one is made for you."
          autoComplete="off"
          spellCheck={false}
        />
      ) : null}
      <fieldset>
        <legend>Statuses (none = every status)</legend>
        {POSTBACK_STATUSES.map((status) => (
          <label key={status} className="check">
            <input type="checkbox" value={status} {...form.register("statuses")} /> {formatEnum(status)}
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" disabled={props.busy || form.formState.isSubmitting}>
          {props.busy ? "Saving…" : "Save postback"}
        </button>
      </div>
      {refused ? <p role="alert">{refused}</p> : null}
    </form>
  );
}
