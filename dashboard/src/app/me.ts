import { createContext, useContext } from "react";
import { graphql, type ResultOf } from "../graphql.ts";

export const MeQuery = graphql(`
  query Me {
    me { id email name role advertiser { id name } publisher { id name payoutCurrency } }
  }
`);

export type Me = NonNullable<ResultOf<typeof MeQuery>["me"]>;
export type Role = Me["role"];

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only used below the layout, which renders nothing without one. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside a signed-in layout");
  return me;
}
