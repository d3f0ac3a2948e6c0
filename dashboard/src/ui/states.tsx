// Loading, error and empty states, the same on every screen.
import type { ReactNode } from "react";
import type { CombinedError } from "urql";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="state loading" aria-busy="true">
      {what}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: CombinedError | Error | string; retry?: () => void }) {
  const message = typeof error === "string" ? error : describeError(error);
  return (
    <div className="state error" role="alert">
      <p>{message}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

function describeError(error: CombinedError | Error): string {
  if ("networkError" in error && error.networkError)
    return "The server cannot be reached. Check your connection.";
  if ("graphQLErrors" in error && error.graphQLErrors.length > 0) {
    return error.graphQLErrors.map((e) => e.message).join("; ");
  }
  return error.message;
}

/** Renders a query's loading / error / empty states, or `children(data)` once there is something to show. */
export function QueryState<T>(props: {
  fetching: boolean;
  error?: CombinedError | undefined;
  data?: T | undefined;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  retry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const { fetching, error, data } = props;
  if (error && !data) return <ErrorState error={error} retry={props.retry} />;
  if (data === undefined) return fetching ? <Loading /> : <Empty>Nothing to show.</Empty>;
  if (props.isEmpty?.(data)) return <Empty>{props.empty ?? "Nothing here yet."}</Empty>;
  return <>{props.children(data)}</>;
}
