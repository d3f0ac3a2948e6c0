// Which money each role may see in numbers about traffic and conversions (the API's `report` and
// `stats`, and the dashboard's screens and CSV downloads built on them). The one home of the rule:
// the API answers null for what a role may not see, and the dashboard asks only for what it may.
//   - A publisher sees what it earns (payout, and EPC from it), never what advertisers pay.
//   - An advertiser sees what it pays (revenue, the network's price), never what publishers earn.
//   - Admins and finance see both, and the network's margin between them.
// Pure and free of Prisma (a subpath export, @leadrail/db/visibility), so a browser bundle can
// import it; index.ts checks that its roles are exactly the schema's Role enum.

export type MoneyRole = "ADMIN" | "FINANCE" | "ADVERTISER" | "PUBLISHER";

export interface MoneyVisibility {
  /** What publishers earn (and EPC, payout per 100 clicks). */
  payout: boolean;
  /** What advertisers pay. */
  revenue: boolean;
  /** revenue − payout: profit and margin. */
  margin: boolean;
}

const VISIBILITY: Readonly<Record<MoneyRole, Readonly<MoneyVisibility>>> = {
  ADMIN: { payout: true, revenue: true, margin: true },
  FINANCE: { payout: true, revenue: true, margin: true },
  ADVERTISER: { payout: false, revenue: true, margin: false },
  PUBLISHER: { payout: true, revenue: false, margin: false },
};

export function moneyVisibility(role: MoneyRole): Readonly<MoneyVisibility> {
  return VISIBILITY[role];
}
