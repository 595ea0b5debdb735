import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../api.ts';

/** What a screen gets from useApi: the latest answer, the error if the last load failed, and controls. */
export interface ApiState<T> {
  /** The answer for the current key, or the previous key's while the current one loads (see `isCurrent`). */
  data: T | undefined;
  /** Why the last load failed (never an aborted request); cleared when a load starts. */
  error: unknown;
  /** True while a request for the current key is on its way. */
  loading: boolean;
  /** True when `data` answers the current key (not a previous one kept while loading). */
  isCurrent: boolean;
  /** Loads the current key again (after a change was saved, say). */
  reload: () => void;
  /** Replaces the data with what a change returned, without asking again. */
  setData: (data: T) => void;
}

/**
 * Loads data for a key: `load` runs whenever `key` changes (or on `reload`), and the previous
 * request is aborted first, so a slow reply can never overwrite a newer one. Pass `null` as the
 * key to load nothing. The key must describe everything `load` depends on.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const loader = useRef(load);
  loader.current = load;
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; dataKey: string | null; error: unknown; loading: boolean }>(
    { data: undefined, dataKey: null, error: null, loading: key !== null },
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is how reload asks for the same key again
  useEffect(() => {
    if (key === null) {
      setState((s) => ({ ...s, error: null, loading: false }));
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, error: null, loading: true }));
    loader.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, dataKey: key, error: null, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setState((s) => ({ ...s, data, dataKey: key })), [key]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    isCurrent: state.dataKey === key,
    reload,
    setData,
  };
}

/** The value, once it has stopped changing for `delay` ms (for search boxes). */
export function useDebounced<T>(value: T, delay = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
