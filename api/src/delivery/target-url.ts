// The tracker's worker refuses to deliver to private, loopback, link-local... addresses (the SSRF guard
// it shares with publisher postbacks, checked after DNS). A webhook URL naming one as an IP literal is
// refused here already, while the advertiser is looking; host names are left to the worker, since what
// they resolve to can change after saving. POSTBACK_ALLOW_PRIVATE_NETWORKS lifts both (tests, private
// deployments), so this runs in the resolver with the context's setting, not in the input's validation.
import { isIpLiteral, nonPublicAddressReason } from "@leadrail/db";
import type { Context } from "../context.ts";
import { invalidFields } from "../errors.ts";

export function refuseInternalTarget(
  ctx: Pick<Context, "allowPrivatePostbackTargets">,
  url: string | null,
): void {
  if (url === null || ctx.allowPrivatePostbackTargets) return;
  // Brackets of an IPv6 literal are not part of the address.
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (!isIpLiteral(host)) return;
  const reason = nonPublicAddressReason(host);
  if (reason) {
    throw invalidFields([
      { path: ["input", "url"], message: `must not point at a non-public address (${host} is a ${reason})` },
    ]);
  }
}
