import { useCallback, useEffect, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { FrameworkOutput, PersonOutput } from '../../src/contracts/index.ts';
import { api } from './api.ts';
import { ErrorNotice } from './components/error-notice.tsx';
import { SelfAssessment } from './features/assessment/self-assessment.tsx';
import { FrameworkBrowser } from './features/framework/framework-browser.tsx';
import { GoalsPage } from './features/goals/goals-page.tsx';
import { JournalPage } from './features/journal/journal-page.tsx';
import { FirstRun } from './features/onboarding/first-run.tsx';
import { Overview } from './features/overview/overview.tsx';
import { PathChoice } from './features/path/path-choice.tsx';
import { ReportPage } from './features/report/report-page.tsx';
import { SettingsPage } from './features/settings/settings-page.tsx';

/** The signed-in person and the active framework, loaded once and shared by every screen. */
export interface Session {
  person: PersonOutput;
  framework: FrameworkOutput;
  /** Reloads the person (after a change of track, say). */
  refreshPerson: () => Promise<void>;
}

export function App() {
  const [framework, setFramework] = useState<FrameworkOutput | null>(null);
  const [person, setPerson] = useState<PersonOutput | null | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);

  const loadPerson = useCallback(async () => {
    const people = await api.people();
    setPerson(people[0] ?? null);
  }, []);

  useEffect(() => {
    Promise.all([api.framework().then(setFramework), loadPerson()]).catch(setError);
  }, [loadPerson]);

  if (error)
    return (
      <Shell person={null}>
        <ErrorNotice error={error} />
      </Shell>
    );
  if (!framework || person === undefined)
    return (
      <Shell person={null}>
        <p aria-busy="true">Loading…</p>
      </Shell>
    );
  if (person === null) {
    return (
      <Shell person={null}>
        <FirstRun onCreated={(p) => setPerson(p)} />
      </Shell>
    );
  }
  const session: Session = { person, framework, refreshPerson: loadPerson };
  return (
    <Shell person={person}>
      <Switch>
        <Route path="/">{person.track ? <Overview session={session} /> : <Redirect to="/path" />}</Route>
        <Route path="/path">
          <PathChoice session={session} />
        </Route>
        <Route path="/goals">
          <GoalsPage session={session} />
        </Route>
        <Route path="/journal">
          <JournalPage session={session} />
        </Route>
        <Route path="/report">
          <ReportPage session={session} />
        </Route>
        <Route path="/settings">
          <SettingsPage session={session} />
        </Route>
        <Route path="/assess">
          <SelfAssessment session={session} />
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

function Shell({ person, children }: { person: PersonOutput | null; children: React.ReactNode }) {
  const [location] = useLocation();
  const links = [
    { href: '/', label: 'Overview' },
    { href: '/goals', label: 'Goals' },
    { href: '/journal', label: 'Journal' },
    { href: '/report', label: 'Report' },
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
        {person && <span className="who">{person.name}</span>}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
