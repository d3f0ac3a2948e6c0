// The server-to-server postback URL an advertiser pastes into its own tracker or CRM. Placeholders in
// braces are the advertiser's macros to fill; an unfilled `{...}` counts as absent at the tracker, so a
// half-configured URL fails loudly (no click id) instead of recording a wrong conversion. The secret is
// a placeholder too: it is shown once when created or rotated and never stored readable.
export function postbackUrl(trackerBase: string, offerId: number | bigint): string {
  const base = trackerBase.replace(/\/+$/, "");
  return (
    `${base}/postback?offer_id=${offerId}&click_id={click_id}&txid={your_order_id}` +
    "&amount={sale_amount}&status={status}&token={postback_secret}"
  );
}
