// A tiny fetch wrapper. Typed operations generated from api/schema.graphql come with the dashboard issue.
const TOKEN_KEY = "leadrail.session";

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setSessionToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = sessionToken();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new Error(`request failed with HTTP ${response.status}`);
  return body.data;
}
