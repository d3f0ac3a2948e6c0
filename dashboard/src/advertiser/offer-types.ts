import type { ResultOf } from "../graphql.ts";
import type { OfferQuery } from "./offer-operations.ts";

export type OfferData = NonNullable<ResultOf<typeof OfferQuery>["offer"]>;

/** A publisher the advertiser can name in a cap or a custom payout, with its application's status. */
export interface PublisherChoice {
  id: string;
  name: string;
  status: string | null;
}
