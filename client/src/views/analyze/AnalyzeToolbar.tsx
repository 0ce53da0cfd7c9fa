import { useState } from 'react';
import { apiUrl } from '../../api/http.ts';
import type { IncidentFilter } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { DISPLAY_MODES, type DisplayMode } from './analyze-filters.ts';
import { RESULT_CAP } from './use-incident-results.ts';

export interface AnalyzeToolbarProps {
  user: User;
  mode: DisplayMode;
  request: IncidentFilter;
  count: number;
  capped: boolean;
  loading: boolean;
  progress: number;
}

/** Above the map: heatmap / hexbins / points, the result count, exports and the share link. */
export function AnalyzeToolbar({ user, mode, request, count, capped, loading, progress }: AnalyzeToolbarProps) {
  const i18n = useI18n();
  const [copied, setCopied] = useState(false);
  // Exports come from the server (/api/incidents/export), which checks the role: analysts and admins.
  const mayExport = user.role === 'analyst' || user.role === 'admin';
  const exportUrl = (format: 'csv' | 'geojson' | 'gpkg') => apiUrl('/api/incidents/export', { ...request, format });
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
    } catch {
      window.prompt(i18n.t('analyze.copyLink'), window.location.href);
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="analyze-toolbar">
      <div className="segmented" role="radiogroup" aria-label={i18n.t('analyze.mode')}>
        {DISPLAY_MODES.map((item) => (
          <button key={item} type="button" role="radio" aria-checked={mode === item} className={mode === item ? 'active' : ''} data-testid={`mode-${item}`} onClick={() => updateQuery({ mode: item === 'heat' ? null : item })}>
            {i18n.t(`analyze.mode.${item}`)}
          </button>
        ))}
      </div>
      <div className="result-count" data-testid="result-count" data-count={loading ? '' : String(count)}>
        {loading ? (
          <>
            <Spinner size={14} /> {i18n.t('analyze.loadingResults', { count: i18n.number(progress) })}
          </>
        ) : (
          <>
            {i18n.t('analyze.resultCount', { count: i18n.number(count) })}
            {capped ? ` ${i18n.t('analyze.resultCapped', { count: i18n.number(RESULT_CAP) })}` : ''}
          </>
        )}
      </div>
      <div className="toolbar-actions">
        {mayExport ? (
          <>
            <a className={`button button--small${count === 0 ? ' button--disabled' : ''}`} data-testid="export-geojson" href={exportUrl('geojson')} download aria-disabled={count === 0}>
              {i18n.t('analyze.exportGeoJson')}
            </a>
            <a className={`button button--small${count === 0 ? ' button--disabled' : ''}`} data-testid="export-csv" href={exportUrl('csv')} download aria-disabled={count === 0}>
              {i18n.t('analyze.exportCsv')}
            </a>
            <a className={`button button--small${count === 0 ? ' button--disabled' : ''}`} data-testid="export-gpkg" href={exportUrl('gpkg')} download aria-disabled={count === 0} title={i18n.t('analyze.exportGpkgHelp')}>
              {i18n.t('analyze.exportGpkg')}
            </a>
          </>
        ) : null}
        <button type="button" className="button button--small button--primary" data-testid="share-link" onClick={copyLink}>
          {copied ? i18n.t('analyze.linkCopied') : i18n.t('analyze.copyLink')}
        </button>
      </div>
    </div>
  );
}
