// Named facts as a definition list (the machine at a glance, what an estimate came from).
export function FactList({ rows }: { rows: ReadonlyArray<readonly [string, string]> }) {
  return (
    <dl className="facts">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
