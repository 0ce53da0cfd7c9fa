import type { GridFeature } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BALANCE_COLOURS } from '../../map/palette.ts';

/** How far the balance bar runs: 1.5 × the norm's upper bound. */
const BAR_SCALE = 1.5;

/** A grid's households on a bar from 0 to 1.5 × the norm's upper bound, the norm band shaded, coloured by its balance. */
function BalanceBar({ balance }: { balance: GridFeature['properties']['balance'] }) {
  const i18n = useI18n();
  const { households, norm, status } = balance;
  const scaleMax = norm.max * BAR_SCALE;
  const share = (value: number) => `${Math.min(100, (value / scaleMax) * 100)}%`;
  const againstTarget = i18n.t('plan.againstTarget', { target: i18n.number(balance.target), deviation: i18n.number(balance.deviation, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }) });
  return (
    <div className="balance-bar" title={`${i18n.number(households)} · ${i18n.t(`plan.${status}`)} · ${againstTarget}`} data-balance={status}>
      <span className="balance-bar-band" style={{ left: share(norm.min), width: `calc(${share(norm.max)} - ${share(norm.min)})` }} />
      <span className="balance-bar-fill" style={{ width: share(households), background: BALANCE_COLOURS[status] }} />
    </div>
  );
}

/** The community's grids with their balance; a row selects its grid. */
export function GridTable({ grids, selectedGridId }: { grids: GridFeature[]; selectedGridId: number | null }) {
  const i18n = useI18n();
  return (
    <table className="grid-table" data-testid="grid-table">
      <thead>
        <tr>
          <th>{i18n.t('layer.grids')}</th>
          <th className="number">{i18n.t('plan.households')}</th>
          <th className="number">{i18n.t('plan.residents')}</th>
          <th className="number">{i18n.t('plan.buildings')}</th>
          <th className="number">{i18n.t('plan.staff')}</th>
        </tr>
      </thead>
      <tbody>
        {grids.map((grid) => {
          const properties = grid.properties;
          return (
            <tr
              key={properties.id}
              className={properties.id === selectedGridId ? 'selected' : ''}
              onClick={() => updateQuery({ grid: properties.id === selectedGridId ? null : properties.id })}
              data-testid={`grid-row-${properties.id}`}
            >
              <td>
                <div className="grid-name">{properties.name}</div>
                <BalanceBar balance={properties.balance} />
                <div className={`grid-balance grid-balance--${properties.balance.status}`}>{i18n.t(`plan.${properties.balance.status}`)}</div>
              </td>
              <td className="number">{i18n.number(properties.households)}</td>
              <td className="number">{i18n.number(properties.residents)}</td>
              <td className="number">{i18n.number(properties.buildings)}</td>
              <td className="number">{i18n.number(properties.staff)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
