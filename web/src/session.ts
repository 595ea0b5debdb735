import type { FrameworkOutput, PersonOutput } from '../../src/contracts/index.ts';

/** The signed-in person and the active framework, loaded once and shared by every screen. */
export interface Session {
  person: PersonOutput & { isAdmin: boolean };
  framework: FrameworkOutput;
  /** Reloads the person (after a change of track, say). */
  refreshPerson: () => Promise<void>;
}
