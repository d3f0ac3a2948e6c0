// Publisher postback settings: the URLs Leadrail calls when one of your conversions changes status.
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../graphql.ts";
import { StatusBadge } from "../ui/Badge.tsx";
import { CopyButton } from "../ui/CopyButton.tsx";
import { outcomeOf } from "../ui/result.ts";
import { QueryState } from "../ui/states.tsx";

const TemplatesQuery = graphql(`
  query PostbackTemplates {
    postbackTemplates(first: 50) {
      edges { node { id active method urlTemplate statuses secret offer { id name } } }
    }
  }
`);

const SetTemplateMutation = graphql(`
  mutation SetPostbackTemplate($input: PostbackTemplateInput!) {
    setPostbackTemplate(input: $input) {
      __typename
      ... on MutationSetPostbackTemplateSuccess { data { id active } }
      ... on DomainError { message }
    }
  }
`);

const STATUSES = ["APPROVED", "PENDING", "REJECTED", "REVERSED"] as const;
const MACROS =
  "{click_id} {offer_id} {sub1}…{sub10} {source} {conversion_id} {status} {payout} {currency} {goal}";

export function Postbacks() {
  const [result, refetch] = useQuery({ query: TemplatesQuery });
  const [saving, save] = useMutation(SetTemplateMutation);
  const [message, setMessage] = useState<string | null>(null);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const statuses = STATUSES.filter((status) => form.get(status) === "on");
    const outcome = outcomeOf(
      await save({
        input: {
          urlTemplate: String(form.get("urlTemplate") ?? ""),
          method: form.get("method") === "POST_JSON" ? "POST_JSON" : "GET",
          statuses,
        },
      }),
      "setPostbackTemplate",
    );
    setMessage(outcome.ok ? "Postback saved." : outcome.message);
    if (outcome.ok) formElement.reset();
    refetch({ requestPolicy: "network-only" });
  }

  async function toggle(node: {
    id: string;
    method: "GET" | "POST_JSON";
    urlTemplate: string;
    active: boolean;
  }) {
    const outcome = outcomeOf(
      await save({
        input: { id: node.id, method: node.method, urlTemplate: node.urlTemplate, active: !node.active },
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
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>URL</th>
                  <th>Method</th>
                  <th>Offer</th>
                  <th>Statuses</th>
                  <th>State</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.postbackTemplates.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <code>{node.urlTemplate}</code>
                    </td>
                    <td>{node.method}</td>
                    <td>{node.offer?.name ?? "all offers"}</td>
                    <td>{node.statuses.length ? node.statuses.join(", ").toLowerCase() : "every status"}</td>
                    <td>
                      <StatusBadge status={node.active ? "ACTIVE" : "PAUSED"} />
                    </td>
                    <td className="actions">
                      <CopyButton text={node.urlTemplate} />
                      <button type="button" className="secondary" onClick={() => toggle(node)}>
                        {node.active ? "Deactivate" : "Activate"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <form className="panel" onSubmit={add}>
        <h2>Add a postback</h2>
        <label>
          URL template{" "}
          <input name="urlTemplate" required placeholder="https://tracker.example/pb?cid={click_id}" />
        </label>
        <label>
          Method
          <select name="method" defaultValue="GET">
            <option value="GET">GET</option>
            <option value="POST_JSON">POST (JSON, signed)</option>
          </select>
        </label>
        <fieldset>
          <legend>Statuses (none = every status)</legend>
          {STATUSES.map((status) => (
            <label key={status} className="check">
              <input type="checkbox" name={status} /> {status.toLowerCase()}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={saving.fetching}>
          Save postback
        </button>
        {message ? <p role="status">{message}</p> : null}
      </form>
    </section>
  );
}
