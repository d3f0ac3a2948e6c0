// One account's own money documents (a publisher's statements, an advertiser's invoices): the same
// table for both; each page keeps its own typed query.
import { StatusBadge } from "./Badge.tsx";
import { formatDate, formatMoney } from "./format.ts";
import { ErrorState } from "./states.tsx";

export interface MyDocument {
  id: string;
  status: string;
  currency: string;
  total: string;
  lineCount: number;
  periodEnd: string;
  paidAt: string | null;
  payments: { reference: string }[];
}

type Answer =
  | { __typename: "DomainError"; message: string }
  | { __typename: string; data: { edges: { node: MyDocument }[] } };

export function MyDocuments({ answer, noun }: { answer: Answer; noun: string }) {
  if (!("data" in answer)) return <ErrorState error={answer.message} />;
  if (answer.data.edges.length === 0) return <p className="state empty">No {noun} yet.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Period end</th>
            <th>Status</th>
            <th className="num">Lines</th>
            <th className="num">Total</th>
            <th>Paid</th>
            <th>Reference</th>
          </tr>
        </thead>
        <tbody>
          {answer.data.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{node.id}</td>
              <td>{formatDate(node.periodEnd)}</td>
              <td>
                <StatusBadge status={node.status} />
              </td>
              <td className="num">{node.lineCount}</td>
              <td className="num">{formatMoney(node.total, node.currency)}</td>
              <td>{formatDate(node.paidAt)}</td>
              <td>{node.payments.map((p) => p.reference).join(", ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
