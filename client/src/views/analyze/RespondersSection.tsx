// 片区呼叫、党员先到: from an incident's detail, the active volunteers nearest to it, party members marked, ranked by
// straight-line distance (the server ranks them in PostGIS). The same list is drawn on the map.
import { useResponders } from '../../api/queries.ts';
import { updateQuery } from '../../app/router.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { RESPONDER_COLOURS } from '../../map/palette.ts';

export function RespondersSection({ incidentId, shown }: { incidentId: number; shown: boolean }) {
  const i18n = useI18n();
  const responders = useResponders(incidentId, shown);
  return (
    <section className="responders" data-testid="responders">
      <header>
        <h4>{i18n.t('responders.title')}</h4>
        <button type="button" className={`button button--small${shown ? '' : ' button--primary'}`} data-testid="responders-toggle" onClick={() => updateQuery({ responders: shown ? null : '1' })}>
          {shown ? i18n.t('responders.hide') : i18n.t('responders.find')}
        </button>
      </header>
      {shown ? (
        <>
          <p className="hint">{i18n.t('responders.hint')}</p>
          {responders.isPending ? <Spinner size={16} /> : null}
          {responders.error ? <ErrorMessage error={responders.error} onRetry={() => responders.refetch()} /> : null}
          {responders.data && responders.data.features.length === 0 ? <p className="empty">{i18n.t('responders.none')}</p> : null}
          <ol className="responder-list" data-testid="responder-list">
            {responders.data?.features.map((responder) => (
              <li key={responder.properties.volunteerId} data-distance={responder.properties.distanceMetres}>
                <span className="responder-rank" style={{ background: responder.properties.partyMember ? RESPONDER_COLOURS.party : RESPONDER_COLOURS.volunteer }}>
                  {responder.properties.rank}
                </span>
                <span className="responder-team">
                  {responder.properties.team}
                  {responder.properties.partyMember ? <span className="badge badge--party">{i18n.t('responders.party')}</span> : null}
                </span>
                <span className="responder-distance">{i18n.t('responders.metres', { count: i18n.number(Math.round(responder.properties.distanceMetres)) })}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
