import type { ResultOf } from "../graphql.ts";
import type { OfferQuery } from "./offer-operations.ts";

export type OfferData = NonNullable<ResultOf<typeof OfferQuery>["offer"]>;
