// What each role sees in the navigation, in order; the first entry is its home page.
import type { Role } from "./me.ts";

export interface NavItem {
  to: string;
  label: string;
}

export const NAVIGATION: Record<Role, NavItem[]> = {
  PUBLISHER: [
    { to: "/marketplace", label: "Marketplace" },
    { to: "/links", label: "My links" },
    { to: "/clicks", label: "Click log" },
    { to: "/conversions", label: "Conversions" },
    { to: "/stats", label: "Stats" },
    { to: "/reports", label: "Reports" },
    { to: "/postbacks", label: "Postbacks" },
    { to: "/lead-api", label: "Lead API" },
    { to: "/statements", label: "Statements" },
    { to: "/payment-details", label: "Payment details" },
  ],
  ADVERTISER: [
    { to: "/offers", label: "Offers" },
    { to: "/leads", label: "Leads" },
    { to: "/applications", label: "Applications" },
    { to: "/integration", label: "Integration" },
    { to: "/stats", label: "Stats" },
    { to: "/reports", label: "Reports" },
    { to: "/fraud", label: "Fraud report" },
    { to: "/invoices", label: "Invoices" },
  ],
  FINANCE: [
    { to: "/finance/statements", label: "Statements" },
    { to: "/finance/invoices", label: "Invoices" },
    { to: "/finance/generate", label: "Generate" },
    { to: "/stats", label: "Network" },
    { to: "/reports", label: "Reports" },
  ],
  ADMIN: [
    { to: "/overview", label: "Overview" },
    { to: "/admin/accounts", label: "Accounts" },
    { to: "/admin/users", label: "Users" },
    { to: "/admin/api-keys", label: "API keys" },
    { to: "/admin/applications", label: "Applications" },
    { to: "/admin/custom-payouts", label: "Custom payouts" },
    { to: "/admin/quality-rules", label: "Quality rules" },
    { to: "/fraud", label: "Fraud report" },
    { to: "/offers", label: "Offers" },
    { to: "/finance/statements", label: "Statements" },
    { to: "/finance/invoices", label: "Invoices" },
    { to: "/finance/generate", label: "Generate" },
    { to: "/reports", label: "Reports" },
  ],
};

export function homeOf(role: Role): string {
  return NAVIGATION[role][0]?.to ?? "/";
}
