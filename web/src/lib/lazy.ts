import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** A lazily loaded component that can also be asked to start loading early. */
export type Preloadable<P> = LazyExoticComponent<ComponentType<P>> & { preload: () => Promise<unknown> };

/**
 * React.lazy for a named export (the code base has no default exports): the module is fetched on
 * first render, or earlier through `preload()` (both share one request; a failed one is not kept).
 */
export function lazyNamed<M, K extends keyof M, P = M[K] extends ComponentType<infer Q> ? Q : never>(
  loader: () => Promise<M>,
  name: K,
): Preloadable<P> {
  let pending: Promise<M> | null = null;
  const load = () => {
    pending ??= loader().catch((error: unknown) => {
      pending = null; // a failed fetch (offline, say) is tried again next time
      throw error;
    });
    return pending;
  };
  const component = lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
  return Object.assign(component, { preload: load });
}
