/**
 * What shows while a screen, a chart or its data is on its way: a polite status, so a screen
 * reader says "Loading…" once without interrupting. `minHeight` keeps room for what is coming.
 */
export function Loading({ label = 'Loading…', minHeight }: { label?: string; minHeight?: number }) {
  return (
    <p role="status" className="loading muted" style={minHeight ? { minHeight } : undefined}>
      {label}
    </p>
  );
}
