import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../api/http.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { copyText } from './copy-text.ts';

/** The OGC API address desktop GIS opens. */
const ogcAddress = () => new URL('/ogc', window.location.origin).toString();

/**
 * Any user makes a read-only GIS token for QGIS or GDAL here, with their own communities: the token is
 * copied once, never shown; the address and the steps are shown for the GIS staff.
 */
export function GisAccess({ withHeading }: { withHeading: boolean }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState<'token' | 'command' | 'failed' | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreating(true);
    setError(null);
    try {
      const created = await apiFetch<{ token: string }>('/api/display-tokens', { method: 'POST', json: { label: label.trim(), purpose: 'gis' } });
      setToken(created.token);
      setCopied(null);
      setLabel('');
      await queryClient.invalidateQueries({ queryKey: ['display-tokens'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setCreating(false);
    }
  };
  const command = (secret: string) => `GDAL_HTTP_HEADERS="Authorization: Bearer ${secret}" ogr2ogr -f GPKG gridatlas.gpkg OAPIF:${ogcAddress()}`;
  const copy = async (what: 'token' | 'command') => setCopied((await copyText(what === 'token' ? token! : command(token!))) ? what : 'failed');

  return (
    <section className="gis-access" data-testid="gis-access">
      {withHeading ? <h2>{i18n.t('gis.title')}</h2> : null}
      <p className="hint">{i18n.t('gis.intro')}</p>
      <dl className="gis-address">
        <dt>{i18n.t('gis.address')}</dt>
        <dd>
          <code data-testid="gis-address">{ogcAddress()}</code>
        </dd>
      </dl>
      <form className="tokens-form" onSubmit={create} data-testid="gis-form">
        <label className="form-field">
          <span>{i18n.t('gis.label')}</span>
          <input value={label} required maxLength={100} placeholder={i18n.t('gis.labelPlaceholder')} onChange={(event) => setLabel(event.target.value)} data-testid="gis-label" />
        </label>
        <button type="submit" className="button button--primary" disabled={creating || label.trim() === ''} data-testid="gis-create">
          {creating ? <Spinner size={14} /> : null}
          {creating ? i18n.t('tokens.creating') : i18n.t('gis.create')}
        </button>
      </form>
      {error ? <ErrorMessage error={error} prefix={false} fieldLabels={{ 'body.label': i18n.t('gis.label') }} /> : null}
      {token ? (
        <div className="token-made" role="status" data-testid="gis-made">
          <p>{i18n.t('gis.created')}</p>
          <code className="token-link" data-testid="gis-command">{command('••••••••')}</code>
          <div className="button-row">
            <button type="button" className="button button--primary" onClick={() => void copy('token')} data-testid="gis-copy-token">
              {copied === 'token' ? i18n.t('tokens.copied') : i18n.t('gis.copyToken')}
            </button>
            <button type="button" className="button" onClick={() => void copy('command')} data-testid="gis-copy-command">
              {copied === 'command' ? i18n.t('tokens.copied') : i18n.t('gis.copyCommand')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setToken(null)}>{i18n.t('tokens.done')}</button>
          </div>
          {copied === 'failed' ? <p className="form-hint">{i18n.t('gis.copyFailed')}</p> : null}
        </div>
      ) : null}
      <ol className="gis-steps">
        <li>{i18n.t('gis.stepQgis')}</li>
        <li>{i18n.t('gis.stepAuth')}</li>
        <li>{i18n.t('gis.stepGdal')}</li>
      </ol>
    </section>
  );
}
