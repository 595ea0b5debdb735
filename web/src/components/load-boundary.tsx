import { Component, type ReactNode, Suspense } from 'react';
import { Loading } from './loading.tsx';

/**
 * Around lazily loaded code: "Loading…" while it comes, and an alert (not a blank screen) when it
 * cannot be loaded or fails to draw. Give it a `key` that changes to try again (the route, say).
 */
export function LoadBoundary({
  children,
  label,
  minHeight,
}: {
  children: ReactNode;
  label?: string;
  minHeight?: number;
}) {
  return (
    <Catch>
      <Suspense fallback={<Loading label={label} minHeight={minHeight} />}>{children}</Suspense>
    </Catch>
  );
}

class Catch extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="notice notice-error">
        <p>This part of Leadway could not be shown: {this.state.error.message}</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
