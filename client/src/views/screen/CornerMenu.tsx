import { useState } from 'react';
import type { User } from '../../api/types.ts';
import { navigate, updateQuery } from '../../app/router.ts';
import { ROUTE_LABELS, routesFor } from '../../app/routes.ts';
import { useSignOut } from '../../app/sign-out.ts';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { layersParameter, TOGGLED_LAYERS, type ScreenLayer } from './screen-settings.ts';

const LAYER_LABELS: Record<ScreenLayer, MessageKey> = {
  grids: 'layer.grids',
  buildings: 'layer.buildings',
  heat: 'layer.heat',
  volunteers: 'layer.volunteers',
  missed: 'layer.coverage',
  patrolWindow: 'layer.patrolWindow',
  patrols: 'layer.patrols',
  points: 'layer.points',
  services: 'layer.services',
  uncovered: 'layer.uncovered',
};

export /** The unobtrusive corner menu: other views, layer toggles, language, sign out. `?kiosk=1` hides it. */
function CornerMenu({ user, layers }: { user: User; layers: ReadonlySet<ScreenLayer> }) {
  const i18n = useI18n();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const toggle = (layer: ScreenLayer) => {
    const next = new Set(layers);
    if (next.has(layer)) next.delete(layer);
    else next.add(layer);
    updateQuery({ layers: layersParameter(next) });
  };
  return (
    <div className={`screen-menu ${open ? 'screen-menu--open' : ''}`}>
      <button type="button" className="screen-menu-button" aria-expanded={open} aria-label={i18n.t('app.menu')} title={i18n.t('app.menu')} onClick={() => setOpen(!open)} data-testid="screen-menu-button">
        <span aria-hidden="true">☰</span>
      </button>
      {open ? (
        <div className="screen-menu-panel" data-testid="screen-menu">
          <section>
            <h3>{i18n.t('screen.views')}</h3>
            {routesFor(user)
              .filter((route) => route !== '/screen')
              .map((route) => (
                <a key={route} href={route} data-testid={`nav-${route.slice(1)}`} onClick={(event) => { event.preventDefault(); navigate(route); }}>
                  {i18n.t(ROUTE_LABELS[route])}
                </a>
              ))}
          </section>
          <section>
            <h3>{i18n.t('screen.layers')}</h3>
            {TOGGLED_LAYERS.map((layer) => (
              <label key={layer} className="screen-menu-toggle">
                <input type="checkbox" checked={layers.has(layer)} onChange={() => toggle(layer)} data-testid={`layer-toggle-${layer}`} />
                {i18n.t(LAYER_LABELS[layer])}
              </label>
            ))}
          </section>
          <section className="screen-menu-row">
            <LanguageToggle className="screen-language" />
            <button type="button" className="button button--small screen-menu-signout" onClick={() => signOut(user)} data-testid="screen-sign-out">
              {user.readOnly ? i18n.t('screen.forgetToken') : i18n.t('screen.signOut')}
            </button>
          </section>
        </div>
      ) : null}
    </div>
  );
}
