// Redis key names that both the tracker and the API use for clicks (like cap-keys.ts for caps): one
// definition, so the API's checks read exactly what the tracker's click path writes.

/**
 * The hash of recent-click pointers (click id → stream entry id) for clicks minted in `createdAt`'s
 * UTC minute; the click writer deletes a pointer once it stored the click. Keyed by the click's own
 * time, which its UUIDv7 carries, so a reader needs only the id.
 */
export function recentClicksKey(prefix: string, createdAt: number): string {
  return `${prefix}clicks:recent:${Math.floor(createdAt / 60_000)}`;
}
