// Finance's queue screen for one kind of money document: holds the status filter, runs the kind's typed
// operations and hands the result to DocumentQueue. Statements.tsx and Invoices.tsx write their
// operations with the same aliases (`documents`, `owner`, `result`), so one screen serves both; the
// operation texts stay per kind because gql.tada types each from its literal text.
import { useState } from "react";
import { type TypedDocumentNode, useMutation, useQuery } from "urql";
import { type Connection, useMoreRows } from "../ui/more-rows.ts";
import { outcomeOf } from "../ui/result.ts";
import { DocumentQueue, type DocumentStatus, type QueueDocument, type QueueProps } from "./DocumentQueue.tsx";

type QueueNode = Omit<QueueDocument, "ownerName"> & { owner: { name: string } };

type ListAnswer =
  | { __typename: "DomainError"; message: string }
  | { __typename: `Query${string}Success`; data: Connection<QueueNode> };

export interface QueueOperations {
  list: TypedDocumentNode<
    { documents: ListAnswer },
    { filter?: { status?: DocumentStatus } | null; after?: string | null }
  >;
  /** Mutations alias their field `result`; outcomeOf reads the union from there. */
  approve: TypedDocumentNode<{ result: unknown }, { id: string }>;
  markPaid: TypedDocumentNode<{ result: unknown }, { id: string; paidAt: string; reference: string }>;
  void: TypedDocumentNode<{ result: unknown }, { id: string; reason: string }>;
}

type Labels = Pick<QueueProps, "kind" | "noun" | "title" | "ownerLabel">;

export function DocumentQueueScreen({ operations, ...labels }: Labels & { operations: QueueOperations }) {
  const [status, setStatus] = useState<DocumentStatus | "">("DRAFT");
  const filter = status ? { status } : {};
  const [result, refetch] = useQuery({ query: operations.list, variables: { filter } });
  const connectionOf = (answer: ListAnswer | undefined) =>
    answer?.__typename === "DomainError" ? undefined : answer?.data;
  const more = useMoreRows({
    first: connectionOf(result.data?.documents),
    query: operations.list,
    variables: (after) => ({ filter, after }),
    pick: (data) => connectionOf(data.documents),
  });
  const [, approve] = useMutation(operations.approve);
  const [, markPaid] = useMutation(operations.markPaid);
  const [, voidDocument] = useMutation(operations.void);

  const answer = result.data?.documents;
  const documents: QueueDocument[] | { refused: string } | undefined = !answer
    ? undefined
    : answer.__typename === "DomainError"
      ? { refused: answer.message }
      : (more.rows ?? []).map(({ owner, ...node }) => ({ ...node, ownerName: owner.name }));

  return (
    <DocumentQueue
      {...labels}
      status={status}
      onStatus={setStatus}
      fetching={result.fetching || more.loading}
      error={result.error ?? more.error ?? undefined}
      hasMore={more.hasMore}
      onLoadMore={more.loadMore}
      documents={documents}
      refetch={() => refetch({ requestPolicy: "network-only" })}
      actions={{
        approve: async (id) => outcomeOf(await approve({ id }), "result"),
        markPaid: async (id, reference) =>
          outcomeOf(await markPaid({ id, reference, paidAt: new Date().toISOString() }), "result"),
        void: async (id, reason) => outcomeOf(await voidDocument({ id, reason }), "result"),
      }}
    />
  );
}
