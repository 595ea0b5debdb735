import { Link } from 'wouter';
import { api } from '../../api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { Heatmap } from '../../components/heatmap.tsx';
import { Loading } from '../../components/loading.tsx';
import { useApi } from '../../lib/use-api.ts';

/** Git evidence per area and month, as a heatmap (or why it cannot be shown). */
export function GitEvidence({ personId }: { personId: string }) {
  const { data, error } = useApi(`git-evidence:${personId}`, (signal) => api.gitEvidence(personId, 12, { signal }));
  if (!data) {
    return (
      <div className="card wide">
        <h2>Evidence from git</h2>
        {error ? <ErrorNotice error={error} /> : <Loading />}
      </div>
    );
  }
  const max = Math.max(0, ...data.months.flatMap((m) => Object.values(m.counts)));
  if (max === 0) {
    return (
      <div className="card wide">
        <h2>Evidence from git</h2>
        <p className="muted">
          No git evidence yet. <Link href="/settings">Add a repository</Link> to credit your reviews, pairing and fixes.
        </p>
      </div>
    );
  }
  const areas = data.areas.filter((a) => data.months.some((m) => m.counts[a.id]));
  return (
    <div className="card wide">
      <h2>Evidence from git</h2>
      <Heatmap
        label="Credited commits per area per month, last 12 months"
        rows={areas}
        columns={data.months.map((m) => ({ key: m.month, label: m.month, counts: m.counts }))}
        showCounts
        fileName="leadway-git-evidence"
      />
      <p className="muted small">
        Commits you reviewed, co-authored, mentored, fixed for others, tested or documented. Evidence for you, not a
        score.
      </p>
    </div>
  );
}
