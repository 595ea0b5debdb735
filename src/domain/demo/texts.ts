import type { EntryKind } from '../journal/journal.ts';

/**
 * The words of the demo organisation: names, teams, and what people write in their journals,
 * goals, assessments and check-ins, per area of the framework. Placeholders in braces are filled
 * per person: {service}, {project}, {person} (a colleague), {team}, {otherTeam}, {n}, {m}.
 */

export const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Amara',
  'Ana',
  'Andrea',
  'Anika',
  'Arjun',
  'Asha',
  'Ben',
  'Bianca',
  'Bo',
  'Carla',
  'Carlos',
  'Chen',
  'Chidi',
  'Clara',
  'Dan',
  'Dana',
  'Daniel',
  'Dario',
  'Dev',
  'Diego',
  'Dina',
  'Elena',
  'Eli',
  'Emeka',
  'Emma',
  'Erik',
  'Eva',
  'Farah',
  'Felix',
  'Fatima',
  'Femi',
  'Gabriel',
  'Grace',
  'Hana',
  'Hannah',
  'Hassan',
  'Hugo',
  'Ines',
  'Ingrid',
  'Isaac',
  'Ivan',
  'Jada',
  'Jamal',
  'Jan',
  'Javier',
  'Jia',
  'Joao',
  'Jonas',
  'Jules',
  'Kai',
  'Kamala',
  'Kenji',
  'Kofi',
  'Lara',
  'Lea',
  'Leila',
  'Leo',
  'Lina',
  'Luca',
  'Lucia',
  'Luis',
  'Maja',
  'Malik',
  'Mara',
  'Marco',
  'Maria',
  'Mateo',
  'Mei',
  'Mia',
  'Mika',
  'Mohammed',
  'Nadia',
  'Naomi',
  'Nia',
  'Nikhil',
  'Nina',
  'Noah',
  'Nora',
  'Olga',
  'Omar',
  'Oscar',
  'Paola',
  'Pedro',
  'Priya',
  'Rafael',
  'Rahul',
  'Rania',
  'Ravi',
  'Rosa',
  'Ruth',
  'Sami',
  'Sara',
  'Sofia',
  'Sven',
  'Tariq',
  'Tess',
  'Theo',
  'Tomas',
  'Uma',
  'Valentina',
  'Vera',
  'Victor',
  'Wei',
  'Yara',
  'Yusuf',
  'Zara',
  'Zoe',
  'Zofia',
];

export const LAST_NAMES = [
  'Abe',
  'Adeyemi',
  'Ahmed',
  'Almeida',
  'Andersen',
  'Baker',
  'Banerjee',
  'Becker',
  'Bianchi',
  'Brown',
  'Castillo',
  'Chen',
  'Costa',
  'Cruz',
  'Dimitrov',
  'Dubois',
  'Eriksson',
  'Fernandes',
  'Fischer',
  'Garcia',
  'Gomez',
  'Gupta',
  'Haddad',
  'Hansen',
  'Hoffmann',
  'Ibrahim',
  'Ito',
  'Jensen',
  'Johansson',
  'Kaur',
  'Kim',
  'Kowalski',
  'Kumar',
  'Larsen',
  'Lee',
  'Lopez',
  'Martin',
  'Mendes',
  'Meyer',
  'Mensah',
  'Moreau',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Osei',
  'Park',
  'Patel',
  'Pereira',
  'Petrov',
  'Popescu',
  'Quinn',
  'Rahman',
  'Reyes',
  'Rossi',
  'Santos',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Sousa',
  'Suzuki',
  'Tanaka',
  'Taylor',
  'Torres',
  'Tran',
  'Varga',
  'Wagner',
  'Walker',
  'Wang',
  'Weber',
  'Williams',
  'Wong',
  'Yamamoto',
  'Yilmaz',
  'Zhang',
  'Zielinski',
];

/** What a team works on (first word of its name). */
export const TEAM_DOMAINS = [
  'Payments',
  'Checkout',
  'Search',
  'Identity',
  'Mobile',
  'Platform',
  'Data',
  'Growth',
  'Billing',
  'Messaging',
  'Reliability',
  'Developer Tools',
  'Catalog',
  'Pricing',
  'Logistics',
  'Notifications',
  'Insights',
  'Onboarding',
  'Security',
  'Storage',
  'Accounts',
  'Support Tools',
  'Marketplace',
  'Recommendations',
  'Fraud',
  'Maps',
  'Media',
  'Partner API',
  'Orders',
  'Web',
];
/** Which part of it (second word), for organisations with many teams. */
export const TEAM_UNITS = [
  'Core',
  'Edge',
  'Experience',
  'Foundations',
  'Ingestion',
  'Ledger',
  'Runtime',
  'Pipelines',
  'Gateway',
  'Clients',
  'Analytics',
  'Automation',
  'Quality',
  'Operations',
  'Services',
  'Tooling',
  'Infrastructure',
  'Frontend',
  'Backend',
  'Integrations',
];

export const SERVICES = [
  'the billing service',
  'the search indexer',
  'the auth gateway',
  'the order pipeline',
  'the mobile API',
  'the notification worker',
  'the reporting jobs',
  'the feature-flag service',
  'the payment reconciler',
  'the image resizer',
  'the event bus',
  'the admin console',
  'the CI runners',
  'the data warehouse loader',
  'the rate limiter',
  'the session store',
];

export const PROJECTS = [
  'the checkout redesign',
  'the Postgres upgrade',
  'the move to the new queue',
  'the EU data residency work',
  'the on-call rotation revamp',
  'the API versioning plan',
  'the monorepo migration',
  'the accessibility audit',
  'the cost-reduction push',
  'the single sign-on rollout',
  'the mobile offline mode',
  'the search relevance project',
];

export const ROLE_TITLES_IC = [
  'Software engineer',
  'Software engineer',
  'Senior software engineer',
  'Senior software engineer',
  'Backend developer',
  'Frontend developer',
  'Full-stack developer',
  'Site reliability engineer',
  'Data engineer',
  'Mobile developer',
  'QA engineer',
  'Platform engineer',
];

/** One kind of journal entry an area's evidence often takes. */
export interface EntryTemplate {
  kind: EntryKind;
  title: string;
  body: string;
}

export const ENTRY_TEMPLATES: Record<string, EntryTemplate[]> = {
  'stepping-up': [
    {
      kind: 'delivery',
      title: 'Picked up the stale ticket on {service} and closed it',
      body: 'It had sat unassigned for {n} weeks. Asked whether it still mattered (it did: support hits it monthly), fixed it and wrote down why nobody wanted it: **no owner and no test setup**.',
    },
    {
      kind: 'presentation',
      title: 'Gave the {team} demo at the sprint review',
      body: 'Five-minute walkthrough of what shipped. The question I was not ready for: how we will measure adoption. Follow-up with {person} on Thursday.',
    },
    {
      kind: 'proposal',
      title: 'Proposed a fix for our slow build',
      body: 'One-paragraph proposal: cache dependencies in CI and split the integration suite. Expected gain about {n} minutes per run. Shared in the team channel; {person} offered to pair on it.',
    },
    {
      kind: 'other',
      title: 'Facilitated the retrospective',
      body: 'Tried the *start / stop / continue* format. Every action now has an owner:\n\n- flaky tests: {person}\n- release notes: me\n- on-call handover: the whole team',
    },
    {
      kind: 'proposal',
      title: 'Put my name on {project}',
      body: 'The work the team kept postponing. Broke it into {n} steps that each fit in a week and posted the plan on the board.',
    },
    {
      kind: 'relationship',
      title: 'Brought {team} and {otherTeam} together on a shared problem',
      body: 'Both teams thought the other owned the alerts for {service}. Thirty-minute call, agreed owners, wrote the outcome in both teams’ docs.',
    },
  ],
  ownership: [
    {
      kind: 'delivery',
      title: 'Fixed the flaky test in {service}',
      body: 'Root cause: a test that depended on the wall clock. Replaced it with an injected clock instead of adding a retry. Note to the team on what made it flaky.',
    },
    {
      kind: 'status-report',
      title: 'Renegotiated the date for {project} early',
      body: 'Saw on Monday that the migration would slip by about {n} days. Told {person} the same day with a new date and the reason, instead of at the deadline.',
    },
    {
      kind: 'delivery',
      title: 'Raised test coverage of {service}',
      body: 'Coverage went from {m}% to {n}% in the module I touched most this month. Numbers recorded before and after.',
    },
    {
      kind: 'incident',
      title: 'Fixed a bug in code I did not write',
      body: 'Used a `Fixes:` trailer pointing at the commit that introduced it and explained the cause without blame. {person} said the explanation helped.',
    },
    {
      kind: 'document',
      title: 'Wrote the missing runbook entry for a noisy alert',
      body: 'Asked {person}, who handled it last, what they wished they had known. The runbook now sits next to the alert.',
    },
    {
      kind: 'delivery',
      title: 'Followed {service} through to production',
      body: 'Stayed with the change through the rollout, watched the dashboards for a day and closed the loop with support.',
    },
  ],
  relationships: [
    {
      kind: 'relationship',
      title: 'Coffee with {person} from {otherTeam}',
      body: 'Learned how they deploy and where our services touch. Agreed to share incident reviews between our teams.',
    },
    {
      kind: 'presentation',
      title: 'Ran a lunch-and-learn on {service}',
      body: '{n} people from {m} teams came. Questions were mostly about how we test it; slides are in the shared drive.',
    },
    {
      kind: 'relationship',
      title: 'Helped {otherTeam} debug their integration with us',
      body: 'Spent an afternoon with {person}. The bug was on our side: an undocumented default. Fixed the docs too.',
    },
    {
      kind: 'mentoring',
      title: 'Mentoring session with someone outside my team',
      body: 'We talked about reading an unfamiliar codebase. Next time: how to write a design doc.',
    },
    {
      kind: 'relationship',
      title: 'Joined the cross-team architecture guild',
      body: 'First meeting. Volunteered to write up the notes and collect the open questions about {project}.',
    },
  ],
  'technical-expertise': [
    {
      kind: 'document',
      title: 'Design doc: {project}',
      body: '## Why\n\nThe current approach will not hold past next year’s load.\n\n## Plan\n\nThree phases, each reversible. Reviewed by {person} and two other teams.',
    },
    {
      kind: 'review',
      title: 'Led the architecture review of {service}',
      body: 'Walked through the trade-offs (consistency vs latency). We agreed to keep the synchronous path for payments only.',
    },
    {
      kind: 'delivery',
      title: 'Cut p95 latency of {service} by {n}%',
      body: 'Profiled under production-like load, found an N+1 query and a missing index. Before/after graphs attached to the ticket.',
    },
    {
      kind: 'document',
      title: 'Wrote the guide to our caching strategy',
      body: 'When to cache, for how long, and how to invalidate. Came out of the incident two weeks ago.',
    },
    {
      kind: 'other',
      title: 'Prototyped {project} in a spike',
      body: 'Two days, throwaway code. Learned that the hard part is the data migration, not the API.',
    },
  ],
  mentorship: [
    {
      kind: 'review',
      title: 'Reviewed {n} pull requests from {person}',
      body: 'Focused on naming and tests rather than style. Left one comment per PR explaining the *why*.',
    },
    {
      kind: 'pairing',
      title: 'Paired with {person} on {service}',
      body: 'They drove, I navigated. They now know how the retry logic works and will own the next change.',
    },
    {
      kind: 'mentoring',
      title: 'Weekly mentoring session',
      body: 'Topics: estimating work, saying no to scope creep. Homework for next week: write the estimate for the next ticket before starting it.',
    },
    {
      kind: 'presentation',
      title: 'Onboarded the new joiner on {team}',
      body: 'Prepared a first-week plan with three small tickets. By Friday they had merged their first change.',
    },
    {
      kind: 'mentoring',
      title: '{person} came to me for advice on their promotion case',
      body: 'We went through their evidence together and found gaps in communication. Suggested they present at the next review.',
    },
  ],
  'project-management': [
    {
      kind: 'status-report',
      title: 'Weekly status for {project}',
      body: 'On track. Done: {n} of {m} milestones. Risk: the vendor API change, raised with {person} today.',
    },
    {
      kind: 'delivery',
      title: 'Delivered {project} milestone on time',
      body: 'Estimate was {n} days, actual {m}. The buffer went into the migration, as expected.',
    },
    {
      kind: 'proposal',
      title: 'Broke {project} into milestones',
      body: 'Each milestone ships something usable. Estimated them with the team using ranges, not single numbers.',
    },
    {
      kind: 'status-report',
      title: 'Raised a risk early on {project}',
      body: 'The dependency on {otherTeam} is not scheduled on their side. Flagged it now rather than at the deadline.',
    },
  ],
  communication: [
    {
      kind: 'document',
      title: 'Wrote the requirements for {project}',
      body: 'One page: who it is for, what changes for them, what is out of scope. Signed off by product and {person}.',
    },
    {
      kind: 'status-report',
      title: 'Sent the weekly update on time',
      body: 'Three bullets: done, next, blocked. {person} said it was the first time they understood where we were.',
    },
    {
      kind: 'presentation',
      title: 'Presented {project} at the engineering all-hands',
      body: 'Ten minutes, {n} questions. Next time: fewer slides, one diagram.',
    },
    {
      kind: 'document',
      title: 'Rewrote the README of {service}',
      body: 'How to run it locally, how to deploy, who to ask. New joiners no longer need a call to get started.',
    },
  ],
  'managing-up': [
    {
      kind: 'status-report',
      title: 'Told my manager about the slip before they heard it elsewhere',
      body: 'Shared the new date for {project} and two options to recover. No surprises at the steering meeting.',
    },
    {
      kind: 'other',
      title: '1:1 prep: what my manager needs from me this month',
      body: 'Asked directly. Answer: earlier warning on risks and a short written summary before each planning.',
    },
    {
      kind: 'delivery',
      title: 'Trusted with the customer escalation on {service}',
      body: 'Handled the call with the account team, wrote the follow-up and kept my manager in copy.',
    },
  ],
  'conflict-and-crises': [
    {
      kind: 'incident',
      title: 'Incident commander: {service} outage',
      body: 'Acknowledged in {n} minutes, mitigated in {m}. Kept the status page updated every 15 minutes. Postmortem scheduled.',
    },
    {
      kind: 'document',
      title: 'Wrote the blameless postmortem for the {service} incident',
      body: '## What happened\n\nA config change without a canary.\n\n## What we change\n\n- canary for config\n- alert on error budget burn',
    },
    {
      kind: 'relationship',
      title: 'Mediated a disagreement about {project}',
      body: '{person} and another engineer disagreed on the approach. Wrote both options down with their costs; the team chose in one meeting.',
    },
    {
      kind: 'incident',
      title: 'On-call week: {n} pages, all handled',
      body: 'Two were noise: tuned the alerts. One real: a full disk on {service}, fixed and documented.',
    },
  ],
  vision: [
    {
      kind: 'document',
      title: 'Wrote the charter for {project}',
      body: '**Why it exists**: customers wait too long. **The big picture**: it is step one of the platform plan. The team confirmed they understand it.',
    },
    {
      kind: 'presentation',
      title: 'Explained how {project} fits the yearly plan',
      body: 'Fifteen minutes at the team meeting, linking each piece of work to the goal it serves.',
    },
    {
      kind: 'proposal',
      title: 'Drafted the technical direction for {team} next year',
      body: 'Three bets, what we will stop doing, and how we will know. Shared with {person} for feedback.',
    },
  ],
};

/** For areas of an imported framework the demo has no words for. */
export const GENERIC_ENTRIES: EntryTemplate[] = [
  { kind: 'other', title: 'Worked on {project}', body: 'Progress this week, with {person}. Next step agreed.' },
  { kind: 'delivery', title: 'Shipped a change to {service}', body: 'Small, reversible, watched in production.' },
  { kind: 'document', title: 'Notes on {project}', body: 'What I learned and what I would do differently.' },
];

/** A goal's words: title, why, and what success looks like. */
export interface GoalTemplate {
  title: string;
  why: string;
  success: string;
}

export const GOAL_TEMPLATES: Record<string, GoalTemplate[]> = {
  'stepping-up': [
    {
      title: 'Lead one improvement to how the team works',
      why: 'I complain about our process in private but rarely change it.',
      success: 'One change proposed, run and checked with the team within the quarter.',
    },
    {
      title: 'Present the team’s work every month',
      why: 'Others rarely hear about what we ship.',
      success: 'Three demos given; one question list written after each.',
    },
  ],
  ownership: [
    {
      title: 'Restore the test coverage of {service}',
      why: 'Coverage dropped and nobody noticed until a regression.',
      success: 'Coverage back above 80% and a check in CI that keeps it there.',
    },
    {
      title: 'Renegotiate early instead of missing dates',
      why: 'Twice this year people learned about my slips at the deadline.',
      success: 'Every slip flagged at least a week ahead, with a new date.',
    },
  ],
  relationships: [
    {
      title: 'Know someone in every team we depend on',
      why: 'When things break between teams I do not know whom to call.',
      success: 'A name for each dependency and one coffee with each.',
    },
    {
      title: 'Give a talk outside my team',
      why: 'What we learned about {service} would help others.',
      success: 'One talk or workshop given to at least two other teams.',
    },
  ],
  'technical-expertise': [
    {
      title: 'Lead the design of {project}',
      why: 'I want to be trusted with architecture discussions.',
      success: 'Design doc written, reviewed by two teams, and decisions recorded.',
    },
    {
      title: 'Become the go-to person for {service}',
      why: 'Only one person understands it today.',
      success: 'I can answer most questions about it and wrote the guide.',
    },
  ],
  mentorship: [
    {
      title: 'Mentor a junior engineer for a quarter',
      why: 'Raising others is how the team scales.',
      success: 'Weekly sessions held; they own a component by the end.',
    },
    {
      title: 'Make my code reviews teach, not just gate',
      why: 'My reviews list problems without explaining them.',
      success: 'Each review explains at least one *why*; feedback from two authors.',
    },
  ],
  'project-management': [
    {
      title: 'Estimate with ranges and track the actuals',
      why: 'My estimates are single numbers and usually wrong.',
      success: 'Estimate vs actual recorded for ten tickets; calibration improving.',
    },
    {
      title: 'Deliver {project} on the date we agreed',
      why: 'The last two projects slipped without warning.',
      success: 'Milestones met or renegotiated early, none missed silently.',
    },
  ],
  communication: [
    {
      title: 'Send a weekly status update that people read',
      why: 'Stakeholders ask me where things are.',
      success: 'Update sent every Friday for a quarter; fewer "where are we" questions.',
    },
    {
      title: 'Write before I build',
      why: 'Requirements reach the team late and unclear.',
      success: 'A one-page brief for every piece of work over a week.',
    },
  ],
  'managing-up': [
    {
      title: 'No surprises for my manager',
      why: 'My manager learned about a slipping project from someone else.',
      success: 'Risks shared in 1:1s before they become problems, every time.',
    },
  ],
  'conflict-and-crises': [
    {
      title: 'Lead an incident as commander',
      why: 'I freeze when production breaks and others take over.',
      success: 'Commanded one incident and wrote its postmortem.',
    },
    {
      title: 'Handle disagreements in the open',
      why: 'Technical disagreements drag on for weeks.',
      success: 'Options written down with costs; decisions made in one meeting.',
    },
  ],
  vision: [
    {
      title: 'Write the charter for {project}',
      why: 'The team does not know why this project exists.',
      success: 'Charter written and every team member can explain the big picture.',
    },
  ],
};

export const GENERIC_GOALS: GoalTemplate[] = [
  {
    title: 'Grow in this area this quarter',
    why: 'My last assessment showed the largest gap here.',
    success: 'One level up at the next assessment, with evidence.',
  },
];

/** Comments on a self-assessment, by how far along the person is (1–2: starting, 3–4: established). */
export const ASSESSMENT_COMMENTS: { starting: string[]; established: string[] } = {
  starting: [
    'I do this when asked, not yet on my own.',
    'Started this quarter; one example so far.',
    'Not much evidence yet; this is where my goal is.',
    'Working on it with my mentor.',
    'I know what good looks like here but rarely do it.',
  ],
  established: [
    'Regularly, and others have noticed.',
    'See the journal entries tagged with this area.',
    'My manager confirmed this in our last 1:1.',
    'Consistent over the last two quarters.',
    'I now help others do this too.',
  ],
};

export const CHECKIN_NOTES = [
  'Slow week, but the first step is done.',
  'Good progress: two actions done.',
  'Blocked on time; talked about it in my 1:1.',
  'Back on track after the release.',
  'Halfway there; the hard part is next.',
  'Got useful feedback from my mentor.',
];

export const REFLECTION_WHYS: Record<string, string[]> = {
  manager: [
    'I get more out of the team shipping than out of my own commits.',
    'I enjoy the conversations about scope and people more than the code now.',
    'I want to grow people the way my first lead grew me.',
  ],
  ic: [
    'I want to stay close to the code and solve the hardest problems.',
    'Architecture is where I add the most value.',
    'I like raising the technical bar without managing people.',
  ],
};
export const GENERIC_WHYS = ['This is the direction I want to grow in.'];

export const RATER_COMMENTS = [
  'Clear strength; keep doing it.',
  'I have seen this a few times this quarter.',
  'Room to grow here: I would like to see more of it.',
  'Others look to them for this.',
  'Good, but mostly within the team.',
  '',
  '',
];

/** Subjects of the commits behind the git evidence. */
export const COMMIT_SUBJECTS = [
  'Fix race in retry handling',
  'Add tests for the refund flow',
  'Document the deployment steps',
  'Speed up the search query',
  'Remove the unused feature flag',
  'Handle empty carts gracefully',
  'Upgrade the HTTP client',
  'Add metrics for queue depth',
  'Refactor the session middleware',
  'Fix off-by-one in pagination',
  'Add integration test for webhooks',
  'Update the API reference',
  'Validate input on the import endpoint',
  'Cache the price lookups',
  'Fix timezone handling in reports',
  'Split the monolithic config',
];

/** Replaces {name} placeholders with `values[name]` (unknown ones are left as they are). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
