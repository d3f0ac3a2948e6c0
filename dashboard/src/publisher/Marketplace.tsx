// The marketplace: offer cards with what each pays and how it performs; filters and sort.
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { graphql, type VariablesOf } from "../graphql.ts";
import { Badge, StatusBadge } from "../ui/Badge.tsx";
import { formatEnum, formatNumber, formatPercent } from "../ui/format.ts";
import { QueryState } from "../ui/states.tsx";
import { CapHeadroom } from "./CapHeadroom.tsx";
import { EPC_HINT, EPC_LABEL } from "./epc.ts";

const MarketplaceQuery = graphql(`
  query Marketplace($filter: MarketplaceFilter, $sort: MarketplaceSort) {
    marketplace(first: 60, filter: $filter, sort: $sort) {
      totalCount
      edges {
        node {
          id name vertical payoutModel payoutShareBps currency countries visibility conversionRate clicks30d
          payout { formatted }
          epc { formatted }
          advertiser { name }
          myApplication { status }
        }
      }
    }
  }
`);

type Filter = NonNullable<VariablesOf<typeof MarketplaceQuery>["filter"]>;
type Sort = NonNullable<VariablesOf<typeof MarketplaceQuery>["sort"]>;

export function Marketplace() {
  const [filter, setFilter] = useState<Filter>({});
  const [sort, setSort] = useState<Sort>("NEWEST");
  const [result, refetch] = useQuery({ query: MarketplaceQuery, variables: { filter, sort } });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value === "" ? undefined : value;
    };
    setFilter({
      search: text("search"),
      country: text("country")?.toUpperCase(),
      currency: text("currency"),
      payoutModel: text("payoutModel") as Filter["payoutModel"],
    });
    setSort((text("sort") ?? "NEWEST") as Sort);
  }

  return (
    <section>
      <h1>Marketplace</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter offers">
        <label>
          Search <input name="search" placeholder="name or description" />
        </label>
        <label>
          Country <input name="country" placeholder="US" maxLength={2} size={3} />
        </label>
        <label>
          Model
          <select name="payoutModel" defaultValue="">
            <option value="">any</option>
            {["CPL", "CPA", "REVSHARE"].map((model) => (
              <option key={model} value={model}>
                {formatEnum(model)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Currency
          <select name="currency" defaultValue="">
            <option value="">any</option>
            <option>USD</option>
            <option>EUR</option>
          </select>
        </label>
        <label>
          Sort
          <select name="sort" defaultValue="NEWEST">
            <option value="NEWEST">newest</option>
            <option value="PAYOUT_DESC">highest payout</option>
            <option value="EPC_DESC">highest EPC (30 days)</option>
            <option value="CONVERSION_RATE_DESC">highest conversion rate (30 days)</option>
            <option value="NAME">name</option>
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      <QueryState
        {...result}
        retry={() => refetch({ requestPolicy: "network-only" })}
        isEmpty={(d) => d.marketplace.edges.length === 0}
        empty="No offer matches these filters."
      >
        {(data) => (
          <ul className="cards">
            {data.marketplace.edges.map(({ node: offer }) => (
              <li key={offer.id} className="offer-card">
                <h2>
                  <Link to={`/marketplace/${offer.id}`}>{offer.name}</Link>
                </h2>
                <p className="muted">
                  {offer.advertiser.name} · {formatEnum(offer.vertical)}
                </p>
                <dl className="figures">
                  <div>
                    <dt>Payout</dt>
                    <dd>
                      {offer.payoutModel === "REVSHARE"
                        ? `${formatPercent((offer.payoutShareBps ?? 0) / 10_000)} of sale`
                        : offer.payout.formatted}
                    </dd>
                  </div>
                  <div>
                    <dt>
                      <abbr title={EPC_HINT}>{EPC_LABEL}</abbr>
                    </dt>
                    <dd>{offer.epc?.formatted ?? "—"}</dd>
                  </div>
                  <div>
                    <dt>Conv. rate</dt>
                    <dd>{formatPercent(offer.conversionRate)}</dd>
                  </div>
                  <div>
                    <dt>Clicks (30 days)</dt>
                    <dd>{formatNumber(offer.clicks30d)}</dd>
                  </div>
                </dl>
                <p>
                  <Badge tone="model">{formatEnum(offer.payoutModel)}</Badge>{" "}
                  {offer.visibility !== "PUBLIC" ? <Badge tone="visibility">approval required</Badge> : null}{" "}
                  {offer.myApplication ? <StatusBadge status={offer.myApplication.status} /> : null}
                </p>
                <p className="muted">
                  {offer.countries.length ? offer.countries.join(", ") : "All countries"}
                </p>
                {offer.myApplication ? <CapHeadroom offerId={offer.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
