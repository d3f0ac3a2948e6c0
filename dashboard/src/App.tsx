import { type FormEvent, useEffect, useState } from "react";
import { gql, sessionToken, setSessionToken } from "./graphql.ts";

interface Me {
  email: string;
  name: string;
  role: string;
  advertiser: { name: string } | null;
  publisher: { name: string } | null;
}

const ME = "query Me { me { email name role advertiser { name } publisher { name } } }";
const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on MutationLoginSuccess { data { token } }
    ... on DomainError { message }
  }
}`;

type LoginResponse = {
  login:
    | { __typename: "MutationLoginSuccess"; data: { token: string } }
    | { __typename: "DomainError"; message: string };
};

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(Boolean(sessionToken()));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!sessionToken()) return;
    gql<{ me: Me | null }>(ME)
      .then((data) => setMe(data.me))
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false));
  }, []);

  async function login(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const data = await gql<LoginResponse>(LOGIN, {
        email: form.get("email"),
        password: form.get("password"),
      });
      if (data.login.__typename === "DomainError") throw new Error(data.login.message);
      setSessionToken(data.login.data.token);
      setMe((await gql<{ me: Me | null }>(ME)).me);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (loading) return <main className="card">Loading…</main>;
  if (me) {
    return (
      <main className="card">
        <h1>Leadrail</h1>
        <p>
          Signed in as <strong>{me.name}</strong> ({me.email}) — {me.role.toLowerCase()}
          {me.advertiser ? ` at ${me.advertiser.name}` : ""}
          {me.publisher ? ` at ${me.publisher.name}` : ""}
        </p>
        <button
          type="button"
          onClick={() => {
            setSessionToken(null);
            setMe(null);
          }}
        >
          Sign out
        </button>
      </main>
    );
  }
  return (
    <main className="card">
      <h1>Leadrail</h1>
      <form onSubmit={login}>
        <label>
          Email <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          Password <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <button type="submit">Sign in</button>
        {error ? <p role="alert">{error}</p> : null}
      </form>
    </main>
  );
}
