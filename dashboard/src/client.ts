// One urql client for the app. The token is read per request so login and logout need no new client.
import { Client, cacheExchange, fetchExchange } from "urql";
import { sessionToken } from "./session.ts";

export function createClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    // Lists change under other people's hands (new leads, statements): show the cache, then refresh.
    requestPolicy: "cache-and-network",
    fetchOptions: (): RequestInit => {
      const token = sessionToken();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
  });
}
