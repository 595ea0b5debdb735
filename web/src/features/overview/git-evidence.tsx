import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api.ts';
import { Heatmap } from '../../components/heatmap.tsx';

type Evidence = Awaited<ReturnType<typeof api.gitEvidence>>;

/** Git evidence per area and month, as a heatmap; hidden until there is any. */
export function GitEvidence({ personId }: { personId: string }) {
  const [data, setData] = useState<Evidence | null>(null);
  useEffect(() => {
    api
      .gitEvidence(personId, 12)
      .then(setData)
      .catch(() => setData(null));
  }, [personId]);
  if (!data) return null;
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
