import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { AuthStateOutput } from '../../src/contracts/auth.ts';
import type { FrameworkOutput, PersonOutput } from '../../src/contracts/index.ts';
import { api, isAbortError, setCsrfToken } from './api.ts';
import { ErrorNotice } from './components/error-notice.tsx';
import { LoadBoundary } from './components/load-boundary.tsx';
import { Loading } from './components/loading.tsx';
import { lazyNamed } from './lib/lazy.ts';
import type { Session } from './session.ts';

// Every screen is its own chunk, fetched when first shown (charts load later still, where drawn).
const screens = {
  overview: lazyNamed(() => import('./features/overview/overview.tsx'), 'Overview'),
  goals: lazyNamed(() => import('./features/goals/goals-page.tsx'), 'GoalsPage'),
  journal: lazyNamed(() => import('./features/journal/journal-page.tsx'), 'JournalPage'),
  report: lazyNamed(() => import('./features/report/report-page.tsx'), 'ReportPage'),
  rounds: lazyNamed(() => import('./features/rounds/rounds-page.tsx'), 'RoundsPage'),
  team: lazyNamed(() => import('./features/team/team-page.tsx'), 'TeamPage'),
  account: lazyNamed(() => import('./features/account/account-page.tsx'), 'AccountPage'),
  settings: lazyNamed(() => import('./features/settings/settings-page.tsx'), 'SettingsPage'),
  assess: lazyNamed(() => import('./features/assessment/self-assessment.tsx'), 'SelfAssessment'),
  path: lazyNamed(() => import('./features/path/path-choice.tsx'), 'PathChoice'),
  framework: lazyNamed(() => import('./features/framework/framework-browser.tsx'), 'FrameworkBrowser'),
  firstRun: lazyNamed(() => import('./features/onboarding/first-run.tsx'), 'FirstRun'),
  login: lazyNamed(() => import('./features/auth/login.tsx'), 'Login'),
  acceptInvitation: lazyNamed(() => import('./features/auth/login.tsx'), 'AcceptInvitation'),
};

/** The screen at a path, fetched while the session loads so the two do not wait on each other. */
const SCREEN_AT: Record<string, { preload: () => Promise<unknown> }> = {
  '/': screens.overview,
  '/goals': screens.goals,
  '/journal': screens.journal,
  '/report': screens.report,
  '/360': screens.rounds,
  '/team': screens.team,
  '/account': screens.account,
  '/settings': screens.settings,
  '/assess': screens.assess,
  '/path': screens.path,
  '/framework': screens.framework,
};

export function App() {
  const [framework, setFramework] = useState<FrameworkOutput | null>(null);
  const [auth, setAuth] = useState<AuthStateOutput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [location] = useLocation();
  const pending = useRef<AbortController | null>(null);

  /** Loads who is signed in (and the framework); a newer call aborts an older one still on its way. */
  const loadAuth = useCallback(async () => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    const { signal } = controller;
    try {
      const state = await api.authState({ signal });
      const active = state.person ? await api.framework({ signal }) : null;
      setCsrfToken(state.csrfToken);
      setAuth(state);
      if (active) setFramework(active);
      setError(null);
    } catch (e) {
      if (!isAbortError(e)) throw e;
    }
  }, []);

  useEffect(() => {
    SCREEN_AT[window.location.pathname]?.preload().catch(() => {
      // Only a head start: the screen's own load shows the error if the chunk cannot be fetched.
    });
    loadAuth().catch(setError);
    return () => pending.current?.abort();
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
        <Loading />
      </Shell>
    );
  const invite = /^\/invite\/([^/]+)$/.exec(location);
  if (invite?.[1] && !auth.person) {
    return (
      <Shell person={null}>
        <LoadBoundary>
          <screens.acceptInvitation token={invite[1]} onSignedIn={signedIn} />
        </LoadBoundary>
      </Shell>
    );
  }
  if (auth.setupRequired) {
    return (
      <Shell person={null}>
        <LoadBoundary>
          <screens.firstRun onCreated={signedIn} />
        </LoadBoundary>
      </Shell>
    );
  }
  if (!auth.person) {
    return (
      <Shell person={null}>
        <LoadBoundary>
          <screens.login onSignedIn={signedIn} />
        </LoadBoundary>
      </Shell>
    );
  }
  if (!framework)
    return (
      <Shell person={null}>
        <Loading />
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
      <LoadBoundary key={location}>
        <Switch>
          <Route path="/">{person.track ? <screens.overview session={session} /> : <Redirect to="/path" />}</Route>
          <Route path="/goals">
            <screens.goals session={session} />
          </Route>
          <Route path="/journal">
            <screens.journal session={session} />
          </Route>
          <Route path="/report">
            <screens.report session={session} />
          </Route>
          <Route path="/360">
            <screens.rounds session={session} />
          </Route>
          <Route path="/team">
            <screens.team session={session} />
          </Route>
          <Route path="/account">
            <screens.account session={session} />
          </Route>
          <Route path="/settings">
            <screens.settings session={session} />
          </Route>
          <Route path="/assess">
            <screens.assess session={session} />
          </Route>
          <Route path="/path">
            <screens.path session={session} />
          </Route>
          <Route path="/framework">
            <screens.framework session={session} />
          </Route>
          <Route>
            <h1>Page not found</h1>
            <p>
              <Link href="/">Back to your overview</Link>
            </p>
          </Route>
        </Switch>
      </LoadBoundary>
    </Shell>
  );
}

/** Below this width the navigation folds into a menu (styles.css uses the same breakpoint). */
const MENU_BREAKPOINT = '(max-width: 1099px)';

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
        {person && <SiteMenu location={location} links={links} person={person} onSignOut={onSignOut} />}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/**
 * The main navigation and the signed-in person. On wide screens one row; on narrow ones a
 * disclosure: a "Menu" button (aria-expanded, aria-controls) that shows the links below it. The
 * menu closes when a link is followed (focus then moves to the new page's content), on Escape
 * (focus back on the button) and when focus or a click leaves it.
 */
function SiteMenu({
  location,
  links,
  person,
  onSignOut,
}: {
  location: string;
  links: Array<{ href: string; label: string }>;
  person: PersonOutput;
  onSignOut: (() => void) | undefined;
}) {
  const [isOpen, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const shownAt = useRef(location);
  const wasOpen = useRef(isOpen);
  wasOpen.current = isOpen;

  // Following a link closes the menu; the link had focus and is now hidden, so focus goes to the page.
  useEffect(() => {
    if (shownAt.current === location) return;
    shownAt.current = location;
    if (wasOpen.current && panel.current?.contains(document.activeElement)) document.getElementById('main')?.focus();
    setOpen(false);
  }, [location]);

  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    // A click or focus elsewhere (tabbing past the last link) closes it too.
    const onOutside = (event: Event) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onOutside);
    document.addEventListener('focusin', onOutside);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onOutside);
      document.removeEventListener('focusin', onOutside);
    };
  }, [isOpen]);

  // Growing past the breakpoint shows the links in a row; the menu starts closed when it comes back.
  useEffect(() => {
    const narrow = window.matchMedia?.(MENU_BREAKPOINT);
    const reset = () => setOpen(false);
    narrow?.addEventListener('change', reset);
    return () => narrow?.removeEventListener('change', reset);
  }, []);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={isOpen}
        aria-controls="site-menu"
        onClick={() => setOpen((open) => !open)}
      >
        <span className="menu-icon" aria-hidden="true" />
        Menu
      </button>
      <div ref={panel} id="site-menu" className={isOpen ? 'site-menu is-open' : 'site-menu'}>
        <nav aria-label="Main">
          {links.map((l) => (
            <Link key={l.href} href={l.href} aria-current={location === l.href ? 'page' : undefined}>
              {l.label}
            </Link>
          ))}
        </nav>
        <span className="who">
          <Link href="/account" aria-current={location === '/account' ? 'page' : undefined}>
            {person.name}
          </Link>{' '}
          {onSignOut && (
            <button type="button" className="quiet" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </span>
      </div>
    </>
  );
}
