// The session token from the `login` mutation. sessionStorage: it dies with the tab, is never sent
// automatically (no cookie, so no CSRF), and the API serves the dashboard on its own origin.
const TOKEN_KEY = "leadrail.session";

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setSessionToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}
