// localStorage on the advertiser's site, failing soft: storage can be disabled, full or throw in a
// sandboxed frame, and the form must still work (it then shows again, and the click id lasts a page).

export function load(name: string): string | null {
  try {
    return localStorage.getItem(`leadrail:${name}`);
  } catch {
    return null;
  }
}

export function save(name: string, value: string): void {
  try {
    localStorage.setItem(`leadrail:${name}`, value);
  } catch {}
}
