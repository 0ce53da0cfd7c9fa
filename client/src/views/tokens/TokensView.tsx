import { useState, type FormEvent } from 'react';
import type { Static } from '@sinclair/typebox';
import type { DisplayTokenSchema } from '#schemas/display-tokens.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../api/http.ts';
import type { User } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { copyText } from './copy-text.ts';
import { GisAccess } from './GisAccess.tsx';
import './tokens.css';

/** A row of GET /api/display-tokens, as the route's schema defines it. */
type DisplayTokenRow = Static<typeof DisplayTokenSchema>;

/** A just-made link: the full /screen address goes to the clipboard; the page only ever shows it masked. */
interface MadeLink {
  label: string;
  url: string;
  masked: string;
}

/**
 * Leaders make, copy and revoke the read-only display links of their wall screens here; every user makes
 * GIS tokens for QGIS and GDAL, and revokes them.
 */
export default function TokensView({ user }: { user: User }) {
  const makesDisplayLinks = user.role === 'leader' || user.role === 'admin';
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['display-tokens'], queryFn: async () => (await apiFetch<{ tokens: DisplayTokenRow[] }>('/api/display-tokens')).tokens });
  const [label, setLabel] = useState('');
  const [tour, setTour] = useState('20');
  const [kiosk, setKiosk] = useState(true);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<MadeLink | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [revealed, setRevealed] = useState(false);
  const [revoking, setRevoking] = useState<number | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const created = await apiFetch<{ id: number; label: string; token: string }>('/api/display-tokens', { method: 'POST', json: { label: label.trim() } });
      const url = new URL('/screen', window.location.origin);
      const tourSeconds = Math.max(0, Math.round(Number(tour) || 0));
      if (tourSeconds > 0) url.searchParams.set('tour', String(tourSeconds));
      if (kiosk) url.searchParams.set('kiosk', '1');
      url.searchParams.set('token', created.token);
      setMade({ label: created.label, url: url.toString(), masked: url.toString().replace(created.token, '••••••••') });
      setCopyState('idle');
      setRevealed(false);
      setLabel('');
      await queryClient.invalidateQueries({ queryKey: ['display-tokens'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (row: DisplayTokenRow) => {
    if (!window.confirm(i18n.t('tokens.confirmRevoke', { label: row.label }))) return;
    setRevoking(row.id);
    setError(null);
    try {
      await apiFetch(`/api/display-tokens/${row.id}`, { method: 'DELETE' });
    } catch (caught) {
      setError(caught);
    } finally {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: ['display-tokens'] });
    }
  };

  return (
    <div className="tokens-view" data-testid="tokens">
      <div className="tokens-content">
        <h1>{i18n.t(makesDisplayLinks ? 'tokens.title' : 'gis.title')}</h1>
        {makesDisplayLinks ? (
          <>
        <p className="hint">{i18n.t('tokens.intro')}</p>
        <form className="tokens-form" onSubmit={create} data-testid="token-form">
          <label className="form-field">
            <span>{i18n.t('tokens.label')}</span>
            <input value={label} required maxLength={100} placeholder={i18n.t('tokens.labelPlaceholder')} onChange={(event) => setLabel(event.target.value)} data-testid="token-label" />
          </label>
          <label className="form-field form-field--narrow">
            <span>{i18n.t('tokens.tour')}</span>
            <input type="number" min={0} max={600} value={tour} onChange={(event) => setTour(event.target.value)} data-testid="token-tour" />
          </label>
          <label className="form-check">
            <input type="checkbox" checked={kiosk} onChange={(event) => setKiosk(event.target.checked)} data-testid="token-kiosk" />
            <span>{i18n.t('tokens.kiosk')}</span>
          </label>
          <button type="submit" className="button button--primary" disabled={creating || label.trim() === ''} data-testid="token-create">
            {creating ? <Spinner size={14} /> : null}
            {creating ? i18n.t('tokens.creating') : i18n.t('tokens.create')}
          </button>
        </form>
        {error ? <ErrorMessage error={error} prefix={false} fieldLabels={{ 'body.label': i18n.t('tokens.label') }} /> : null}
        {made ? (
          <div className="token-made" role="status" data-testid="token-made">
            <p>{i18n.t('tokens.created', { label: made.label })}</p>
            <code className="token-link" data-testid="token-link">{revealed ? made.url : made.masked}</code>
            <div className="button-row">
              <button type="button" className="button button--primary" onClick={async () => setCopyState((await copyText(made.url)) ? 'copied' : 'failed')} data-testid="token-copy">
                {copyState === 'copied' ? i18n.t('tokens.copied') : i18n.t('tokens.copy')}
              </button>
              <a className="button" href={made.url} target="_blank" rel="noopener noreferrer" data-testid="token-open">{i18n.t('tokens.open')}</a>
              {copyState === 'failed' && !revealed ? <button type="button" className="button" onClick={() => setRevealed(true)}>{i18n.t('tokens.reveal')}</button> : null}
              <button type="button" className="button button--ghost" onClick={() => setMade(null)} data-testid="token-done">{i18n.t('tokens.done')}</button>
            </div>
            {copyState === 'failed' ? <p className="form-hint">{i18n.t('tokens.copyFailed')}</p> : null}
          </div>
        ) : null}
          </>
        ) : null}
        <GisAccess withHeading={makesDisplayLinks} />
        <h2>{i18n.t('tokens.list')}</h2>
        <p className="hint">{i18n.t('tokens.readOnlyNote')}</p>
        {tokens.error ? <ErrorMessage error={tokens.error} onRetry={() => tokens.refetch()} /> : null}
        {tokens.isPending ? <Spinner /> : null}
        {tokens.data && tokens.data.length === 0 ? <p className="empty">{i18n.t('tokens.none')}</p> : null}
        {tokens.data && tokens.data.length > 0 ? (
          <table className="tokens-table" data-testid="token-table">
            <thead>
              <tr>
                <th>{i18n.t('tokens.name')}</th>
                <th>{i18n.t('tokens.purpose')}</th>
                <th>{i18n.t('tokens.createdBy')}</th>
                <th>{i18n.t('tokens.createdAt')}</th>
                <th>{i18n.t('tokens.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...tokens.data].reverse().map((row) => (
                <tr key={row.id} data-testid="token-row" data-token-id={row.id} data-revoked={row.revokedAt ? 'true' : 'false'}>
                  <td>{row.label}</td>
                  <td>
                    <span className="token-purpose" data-testid="token-purpose">{i18n.t(row.purpose === 'gis' ? 'tokens.purposeGis' : 'tokens.purposeDisplay')}</span>
                  </td>
                  <td>{row.createdBy}</td>
                  <td>{i18n.dateTime(row.createdAt)}</td>
                  <td className={row.revokedAt ? 'token-revoked' : 'token-active'}>{row.revokedAt ? i18n.t('tokens.revokedAt', { time: i18n.dateTime(row.revokedAt) }) : i18n.t('tokens.active')}</td>
                  <td>
                    {row.revokedAt ? null : (
                      <button type="button" className="button button--small button--danger-outline" disabled={revoking === row.id} onClick={() => revoke(row)} data-testid="token-revoke">
                        {revoking === row.id ? <Spinner size={12} /> : null}
                        {i18n.t('tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}
