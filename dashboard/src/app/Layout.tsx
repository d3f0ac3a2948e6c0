import { Suspense } from "react";
import { NavLink, Outlet } from "react-router";
import { Loading } from "../ui/states.tsx";
import { type Me, MeContext } from "./me.ts";
import { NAVIGATION } from "./navigation.ts";

export function Layout({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const account = me.advertiser?.name ?? me.publisher?.name ?? "Network";
  return (
    <MeContext value={me}>
      <div className="shell">
        <header className="topbar">
          <span className="brand">Leadrail</span>
          <span className="who">
            {me.name} · {account} · <span className="role">{me.role.toLowerCase()}</span>
          </span>
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        <nav className="sidenav" aria-label="Main">
          <ul>
            {NAVIGATION[me.role].map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </MeContext>
  );
}
