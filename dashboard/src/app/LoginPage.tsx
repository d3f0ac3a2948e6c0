import { type FormEvent, useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../graphql.ts";
import { setSessionToken } from "../session.ts";
import { outcomeOf } from "../ui/result.ts";

const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      __typename
      ... on MutationLoginSuccess { data { token } }
      ... on DomainError { message }
    }
  }
`);

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [{ fetching }, login] = useMutation(LoginMutation);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    const result = await login({ email: String(form.get("email")), password: String(form.get("password")) });
    const outcome = outcomeOf<{ token: string }>(result, "login");
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setSessionToken(outcome.data.token);
    onSignedIn();
  }

  return (
    <main className="login">
      <form className="card" onSubmit={submit}>
        <h1>Leadrail</h1>
        <p className="muted">Sign in to your account.</p>
        <label>
          Email <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          Password <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <button type="submit" disabled={fetching}>
          {fetching ? "Signing in…" : "Sign in"}
        </button>
        {error ? <p role="alert">{error}</p> : null}
      </form>
    </main>
  );
}
