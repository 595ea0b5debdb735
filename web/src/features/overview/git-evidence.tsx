import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api.ts';

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
      <div className="table-scroll">
        <table className="heatmap" aria-label="Credited commits per area per month, last 12 months">
          <thead>
            <tr>
              <th scope="col">Area</th>
              {data.months.map((m) => (
                <th key={m.month} scope="col">
                  {m.month}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                {data.months.map((m) => {
                  const n = m.counts[a.id] ?? 0;
                  return (
                    <td
                      key={m.month}
                      className="count"
                      style={{
                        background: n ? `rgba(29, 78, 216, ${0.15 + (0.85 * n) / max})` : undefined,
                        color: n / max > 0.5 ? '#fff' : undefined,
                      }}
                    >
                      {n || ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Commits you reviewed, co-authored, mentored, fixed for others, tested or documented. Evidence for you, not a
        score.
      </p>
    </div>
  );
}
