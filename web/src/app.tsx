import { useCallback, useEffect, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { FrameworkOutput, PersonOutput } from '../../src/contracts/index.ts';
import { type AuthState, api, setCsrfToken } from './api.ts';
import { ErrorNotice } from './components/error-notice.tsx';
import { AccountPage } from './features/account/account-page.tsx';
import { SelfAssessment } from './features/assessment/self-assessment.tsx';
import { AcceptInvitation, Login } from './features/auth/login.tsx';
import { FrameworkBrowser } from './features/framework/framework-browser.tsx';
import { GoalsPage } from './features/goals/goals-page.tsx';
import { JournalPage } from './features/journal/journal-page.tsx';
import { FirstRun } from './features/onboarding/first-run.tsx';
import { Overview } from './features/overview/overview.tsx';
import { PathChoice } from './features/path/path-choice.tsx';
import { ReportPage } from './features/report/report-page.tsx';
import { RoundsPage } from './features/rounds/rounds-page.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';
import { TeamPage } from './features/team/team-page.tsx';

/** The signed-in person and the active framework, loaded once and shared by every screen. */
export interface Session {
  person: PersonOutput & { isAdmin: boolean };
  framework: FrameworkOutput;
  /** Reloads the person (after a change of track, say). */
  refreshPerson: () => Promise<void>;
}

export function App() {
  const [framework, setFramework] = useState<FrameworkOutput | null>(null);
  const [auth, setAuth] = useState<AuthState | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [location] = useLocation();

  const loadAuth = useCallback(async () => {
    const state = await api.authState();
    setCsrfToken(state.csrfToken);
    setAuth(state);
    if (state.person) setFramework(await api.framework());
  }, []);

  useEffect(() => {
    loadAuth().catch(setError);
  }, [loadAuth]);

  const signedIn = () => {
    loadAuth().catch(setError);
  };

  if (error)
    return (
      <Shell person={null}>
        <ErrorNotice error={error} />
      </Shell>
    );
  if (!auth)
    return (
      <Shell person={null}>
        <p aria-busy="true">Loading…</p>
      </Shell>
    );
  const invite = /^\/invite\/([^/]+)$/.exec(location);
  if (invite?.[1] && !auth.person) {
    return (
      <Shell person={null}>
        <AcceptInvitation token={invite[1]} onSignedIn={signedIn} />
      </Shell>
    );
  }
  if (auth.setupRequired) {
    return (
      <Shell person={null}>
        <FirstRun onCreated={signedIn} />
      </Shell>
    );
  }
  if (!auth.person) {
    return (
      <Shell person={null}>
        <Login onSignedIn={signedIn} />
      </Shell>
    );
  }
  if (!framework)
    return (
      <Shell person={null}>
        <p aria-busy="true">Loading…</p>
      </Shell>
    );
  const person = auth.person;
  const session: Session = { person, framework, refreshPerson: loadAuth };
  return (
    <Shell
      person={person}
      onSignOut={() =>
        api
          .logOut()
          .then(() => {
            setCsrfToken(null);
            return loadAuth();
          })
          .catch(setError)
      }
    >
      <Switch>
        <Route path="/">{person.track ? <Overview session={session} /> : <Redirect to="/path" />}</Route>
        <Route path="/goals">
          <GoalsPage session={session} />
        </Route>
        <Route path="/journal">
          <JournalPage session={session} />
        </Route>
        <Route path="/report">
          <ReportPage session={session} />
        </Route>
        <Route path="/360">
          <RoundsPage session={session} />
        </Route>
        <Route path="/team">
          <TeamPage session={session} />
        </Route>
        <Route path="/account">
          <AccountPage />
        </Route>
        <Route path="/settings">
          <SettingsPage session={session} />
        </Route>
        <Route path="/assess">
          <SelfAssessment session={session} />
        </Route>
        <Route path="/path">
          <PathChoice session={session} />
        </Route>
        <Route path="/framework">
          <FrameworkBrowser session={session} />
        </Route>
        <Route>
          <h1>Page not found</h1>
          <p>
            <Link href="/">Back to your overview</Link>
          </p>
        </Route>
      </Switch>
    </Shell>
  );
}

function Shell({
  person,
  children,
  onSignOut,
}: {
  person: PersonOutput | null;
  children: React.ReactNode;
  onSignOut?: () => void;
}) {
  const [location] = useLocation();
  const links = [
    { href: '/', label: 'Overview' },
    { href: '/goals', label: 'Goals' },
    { href: '/journal', label: 'Journal' },
    { href: '/report', label: 'Report' },
    { href: '/360', label: '360' },
    { href: '/team', label: 'Team' },
    { href: '/assess', label: 'Assess' },
    { href: '/path', label: 'Path' },
    { href: '/framework', label: 'Framework' },
    { href: '/settings', label: 'Settings' },
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          Leadway
        </Link>
        {person && (
          <nav aria-label="Main">
            {links.map((l) => (
              <Link key={l.href} href={l.href} aria-current={location === l.href ? 'page' : undefined}>
                {l.label}
              </Link>
            ))}
          </nav>
        )}
        {person && (
          <span className="who">
            <Link href="/account">{person.name}</Link>{' '}
            {onSignOut && (
              <button type="button" className="quiet" onClick={onSignOut}>
                Sign out
              </button>
            )}
          </span>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
