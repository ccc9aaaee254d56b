/** A ranked list as a table whose rows carry a bar of their value: readable as text, scannable as a chart. */
export interface BarListProps {
  caption: string;
  rows: readonly { key: string; label: string; value: number; text: string }[];
  /** A CSS colour (a theme variable). */
  color: string;
  empty: string;
}

export function BarList({ caption, rows, color, empty }: BarListProps) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <table className="bar-list">
      <caption>{caption}</caption>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td>{empty}</td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>
                <span
                  className="bar-fill"
                  style={{ width: `${max === 0 ? 0 : (r.value / max) * 70}%`, background: color }}
                  aria-hidden="true"
                />
                {r.text}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
