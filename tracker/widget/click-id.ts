// The click the visitor came from. A publisher's tracking link lands on the advertiser's page with
// `?click_id=` (or the offer's own parameter, data-click-param); the visitor may then browse a few
// pages before the form shows, so the id is remembered first-party (localStorage of that site). A page
// that knows the click better (its own server kept it) says so with `window.leadrail = { clickId }`
// or data-click-id, and wins. The tracker is the judge: a stale or foreign id is simply not attributed.
import { load, save } from "./storage.ts";

declare global {
  interface Window {
    leadrail?: { clickId?: string };
  }
}

/** Printable, no spaces, bounded: anything else is not a click id worth sending. */
const CLICK_ID = /^[\w.~-]{1,128}$/;

/** `param`: the landing URL's query parameter (data-click-param); `fromTag`: data-click-id. */
export function findClickId(param: string, fromTag: string | undefined): string | undefined {
  const fromUrl = new URLSearchParams(location.search).get(param);
  if (fromUrl && CLICK_ID.test(fromUrl)) save("click", fromUrl);
  const id = window.leadrail?.clickId || fromTag || fromUrl || load("click");
  return id && CLICK_ID.test(id) ? id : undefined;
}
