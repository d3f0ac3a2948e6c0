// Routes per role. Every page is its own lazy chunk: the initial bundle carries the shell only, and the
// chart library loads with the first page that draws a chart.
import { lazy, type ReactElement } from "react";
import { Navigate, Route, Routes } from "react-router";
import { Empty } from "../ui/states.tsx";
import type { Me } from "./me.ts";
import { homeOf } from "./navigation.ts";

const page = <T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await load())[name] as React.ComponentType }));

const Marketplace = page(() => import("../publisher/Marketplace.tsx"), "Marketplace");
const MarketplaceOfferPage = page(() => import("../publisher/MarketplaceOffer.tsx"), "MarketplaceOfferPage");
const Links = page(() => import("../publisher/Links.tsx"), "Links");
const Conversions = page(() => import("../publisher/Conversions.tsx"), "Conversions");
const ClickLog = page(() => import("../publisher/ClickLog.tsx"), "ClickLog");
const Postbacks = page(() => import("../publisher/Postbacks.tsx"), "Postbacks");
const LeadApi = page(() => import("../publisher/LeadApi.tsx"), "LeadApi");
const PaymentDetails = page(() => import("../publisher/PaymentDetails.tsx"), "PaymentDetails");
const PublisherStatements = page(() => import("../publisher/Statements.tsx"), "PublisherStatements");
const StatsPage = page(() => import("../stats/StatsPage.tsx"), "StatsPage");
const ReportsPage = page(() => import("../reports/ReportsPage.tsx"), "ReportsPage");
const Offers = page(() => import("../advertiser/Offers.tsx"), "Offers");
const OfferEditor = page(() => import("../advertiser/OfferEditor.tsx"), "OfferEditor");
const LeadFormPage = page(() => import("../forms/LeadFormPage.tsx"), "LeadFormPage");
const Applications = page(() => import("../advertiser/Applications.tsx"), "Applications");
const Leads = page(() => import("../advertiser/Leads.tsx"), "Leads");
const LeadDetail = page(() => import("../advertiser/LeadDetail.tsx"), "LeadDetail");
const OfferDelivery = page(() => import("../advertiser/Delivery.tsx"), "OfferDelivery");
const Integration = page(() => import("../advertiser/Integration.tsx"), "Integration");
const AdvertiserInvoices = page(() => import("../advertiser/Invoices.tsx"), "AdvertiserInvoices");
const FinanceStatements = page(() => import("../finance/Statements.tsx"), "FinanceStatements");
const FinanceInvoices = page(() => import("../finance/Invoices.tsx"), "FinanceInvoices");
const GenerateDocuments = page(() => import("../finance/Generate.tsx"), "GenerateDocuments");
const StatementDetail = page(() => import("../finance/DocumentDetail.tsx"), "StatementDetail");
const InvoiceDetail = page(() => import("../finance/DocumentDetail.tsx"), "InvoiceDetail");
const Accounts = page(() => import("../admin/Accounts.tsx"), "Accounts");
const Users = page(() => import("../admin/Users.tsx"), "Users");
const ApiKeys = page(() => import("../admin/ApiKeys.tsx"), "ApiKeys");
const AllApplications = page(() => import("../admin/AllApplications.tsx"), "AllApplications");
const AdminCustomPayouts = page(() => import("../admin/OfferRules.tsx"), "AdminCustomPayouts");
const AdminQualityRules = page(() => import("../admin/OfferRules.tsx"), "AdminQualityRules");
const Overview = page(() => import("../admin/Overview.tsx"), "Overview");
const FraudReport = page(() => import("../quality/FraudReport.tsx"), "FraudReport");

const ROUTES: Record<Me["role"], [string, React.ComponentType][]> = {
  PUBLISHER: [
    ["/marketplace", Marketplace],
    ["/marketplace/:id", MarketplaceOfferPage],
    ["/links", Links],
    ["/clicks", ClickLog],
    ["/conversions", Conversions],
    ["/stats", StatsPage],
    ["/reports", ReportsPage],
    ["/postbacks", Postbacks],
    ["/lead-api", LeadApi],
    ["/statements", PublisherStatements],
    ["/statements/:id", StatementDetail],
    ["/payment-details", PaymentDetails],
  ],
  ADVERTISER: [
    ["/offers", Offers],
    ["/offers/new", OfferEditor],
    ["/offers/:id", OfferEditor],
    ["/offers/:id/delivery", OfferDelivery],
    ["/offers/:id/form", LeadFormPage],
    ["/leads", Leads],
    ["/leads/:id", LeadDetail],
    ["/integration", Integration],
    ["/applications", Applications],
    ["/stats", StatsPage],
    ["/reports", ReportsPage],
    ["/fraud", FraudReport],
    ["/invoices", AdvertiserInvoices],
    ["/invoices/:id", InvoiceDetail],
  ],
  FINANCE: [
    ["/finance/statements", FinanceStatements],
    ["/finance/invoices", FinanceInvoices],
    ["/finance/generate", GenerateDocuments],
    ["/finance/statements/:id", StatementDetail],
    ["/finance/invoices/:id", InvoiceDetail],
    ["/stats", StatsPage],
    ["/reports", ReportsPage],
  ],
  ADMIN: [
    ["/overview", Overview],
    ["/admin/accounts", Accounts],
    ["/admin/users", Users],
    ["/admin/api-keys", ApiKeys],
    ["/admin/applications", AllApplications],
    ["/admin/custom-payouts", AdminCustomPayouts],
    ["/admin/quality-rules", AdminQualityRules],
    ["/fraud", FraudReport],
    ["/offers", Offers],
    ["/offers/:id", OfferEditor],
    ["/offers/:id/delivery", OfferDelivery],
    ["/offers/:id/form", LeadFormPage],
    ["/finance/statements", FinanceStatements],
    ["/finance/invoices", FinanceInvoices],
    ["/finance/generate", GenerateDocuments],
    ["/finance/statements/:id", StatementDetail],
    ["/finance/invoices/:id", InvoiceDetail],
    ["/reports", ReportsPage],
  ],
};

export function RoleRoutes({ me, layout }: { me: Me; layout: ReactElement }) {
  return (
    <Routes>
      <Route element={layout}>
        {ROUTES[me.role].map(([path, Page]) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route index element={<Navigate to={homeOf(me.role)} replace />} />
        <Route path="*" element={<Empty>This page does not exist for your account.</Empty>} />
      </Route>
    </Routes>
  );
}
