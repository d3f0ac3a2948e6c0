// What an advertiser pastes into its own systems to report conversions to Leadrail: a server-to-server
// postback URL and an image pixel, both per offer. Placeholders in braces are for the advertiser's own
// system to fill (most trackers and CRMs use the same brace style).
import { pixelToken } from "@leadrail/db";

export interface PostbackInstructions {
  postbackUrl: string;
  signedPostbackUrl: string;
  pixelUrl: string;
  pixelHtml: string;
}

/**
 * The postback URL keeps `{postback_secret}` as a placeholder: the secret is shown once (when the
 * advertiser is created or the secret rotated) and never read back. The pixel carries its own per-offer
 * token instead, which is safe to show because it only works on /pixel for this offer.
 */
export function postbackInstructions(
  trackerBase: string,
  offerId: number,
  postbackSecret: string,
): PostbackInstructions {
  const base = trackerBase.replace(/\/+$/, "");
  const conversion = `offer_id=${offerId}&click_id={click_id}&txid={order_id}`;
  const pixelUrl = `${base}/pixel?${conversion}&token=${pixelToken(postbackSecret, offerId)}`;
  return {
    postbackUrl: `${base}/postback?${conversion}&amount={amount}&status={status}&token={postback_secret}`,
    signedPostbackUrl: `${base}/postback`,
    pixelUrl,
    pixelHtml: `<img src="${pixelUrl.replaceAll("&", "&amp;")}" width="1" height="1" alt="" style="display:none">`,
  };
}
