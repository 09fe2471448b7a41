// Search across every article (MiniSearch, through the help service's pure index): as-you-type,
// prefix and typo tolerant, best match first.
import { useAppStore } from '../../stores/appStore.js';
import { HelpLink } from './HelpLink.js';

export function HelpSearch() {
  const query = useAppStore((s) => s.helpQuery);
  const setQuery = useAppStore((s) => s.setHelpQuery);
  const index = useAppStore((s) => s.helpIndex);
  const hits = index && query.trim() ? index.search(query, { limit: 12 }) : [];
  return (
    <search className="help-search">
      <div className="field">
        <label htmlFor="help-query">Search help</label>
        <input id="help-query" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="memory, battery, E_TIMEOUT…" />
      </div>
      {query.trim() !== '' && (
        <>
          <p role="status" className="hint">
            {hits.length === 0 ? 'No article matches.' : `${hits.length} article${hits.length === 1 ? '' : 's'} found.`}
          </p>
          <ul className="search-hits" aria-label="Search results">
            {hits.map((hit) => (
              <li key={hit.id}>
                <HelpLink helpId={hit.id}>{hit.title}</HelpLink>
                <p>{hit.summary}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </search>
  );
}
