// Session gate: without a token, the login page; with one, the signed-in user's layout and routes.
// A new urql client per session, so nothing cached for one user is ever shown to the next.
import { useEffect, useMemo, useState } from "react";
import { BrowserRouter } from "react-router";
import { Provider, useMutation, useQuery } from "urql";
import { createClient } from "../client.ts";
import { graphql } from "../graphql.ts";
import { sessionToken, setSessionToken } from "../session.ts";
import { ErrorState, Loading } from "../ui/states.tsx";
import { Layout } from "./Layout.tsx";
import { LoginPage } from "./LoginPage.tsx";
import { MeQuery } from "./me.ts";
import { RoleRoutes } from "./routes.tsx";

const LogoutMutation = graphql("mutation Logout { logout }");

export function App() {
  const [session, setSession] = useState(0);
  const client = useMemo(() => {
    void session;
    return createClient();
  }, [session]);
  const restart = () => setSession((n) => n + 1);
  return (
    <Provider value={client}>
      <BrowserRouter>
        {sessionToken() ? <SignedIn onSignedOut={restart} /> : <LoginPage onSignedIn={restart} />}
      </BrowserRouter>
    </Provider>
  );
}

function SignedIn({ onSignedOut }: { onSignedOut: () => void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: MeQuery, requestPolicy: "network-only" });
  const [, logout] = useMutation(LogoutMutation);

  async function signOut() {
    await logout({});
    setSessionToken(null);
    onSignedOut();
  }

  // An answer without a user means the token expired or was revoked: back to the login page.
  const signedOut = data !== undefined && data.me === null;
  useEffect(() => {
    if (!signedOut) return;
    setSessionToken(null);
    onSignedOut();
  }, [signedOut, onSignedOut]);

  if (fetching && !data) return <Loading what="Opening your dashboard" />;
  if (error && !data)
    return <ErrorState error={error} retry={() => refetch({ requestPolicy: "network-only" })} />;
  if (!data?.me) return null;
  return <RoleRoutes me={data.me} layout={<Layout me={data.me} onSignOut={signOut} />} />;
}
