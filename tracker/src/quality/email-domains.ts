// E-mail domain checks for leads. The disposable list is the maintained `disposable-email-domains`
// package (about 120,000 domains: a Set built once at start, ~10 MB); update it with the package.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const DISPOSABLE: ReadonlySet<string> = new Set(require("disposable-email-domains") as string[]);

/** The domain or any parent of it is on the list (`x.mailinator.com` counts as mailinator.com). */
export function isDisposableDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    if (DISPOSABLE.has(labels.slice(i).join("."))) return true;
  }
  return false;
}

// A hostname as DNS allows it: letters, digits and inner hyphens per label, at most 63 per label,
// and a top-level domain of letters (or an IDN's `xn--` form). The lead form's own check is looser on
// purpose (a visitor is never refused for this); a lead with such a domain is flagged instead.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export function isValidEmailDomain(domain: string): boolean {
  const d = domain.toLowerCase();
  if (d.length > 253) return false;
  const labels = d.split(".");
  if (labels.length < 2) return false;
  return labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1] ?? "");
}
