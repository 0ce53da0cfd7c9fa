import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import type { User } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CornerMenu } from './CornerMenu.tsx';
import { Clock } from './screen-panels.tsx';
import type { TourStop } from './screen-data.ts';
import type { ScreenSettings } from './screen-settings.ts';

export interface ScreenHeaderProps {
  user: User;
  settings: ScreenSettings;
  /** The street (town) named in the title. */
  title: string;
  stops: TourStop[];
  /** The stop whose numbers are on screen. */
  shownStop: TourStop | null;
  dataAsOf: string | undefined;
}

/** The title bar: menu and demo note, street and community with the tour's dots, clock and data time. */
export function ScreenHeader({ user, settings, title, stops, shownStop, dataAsOf }: ScreenHeaderProps) {
  const i18n = useI18n();
  const shownId = shownStop?.community.id ?? null;
  return (
    <header className="screen-header">
      <div className="screen-header-side screen-header-left">
        {settings.kiosk ? null : <CornerMenu user={user} layers={settings.layers} />}
        <span className="screen-demo">{i18n.t('app.demoData')}</span>
        <span className="screen-user">{user.displayName}</span>
      </div>
      <div className="screen-title">
        <h1 data-testid="screen-title">
          <span data-testid="screen-street">{title}</span>
          <span className="screen-title-separator">·</span>
          <span className="screen-title-name">{i18n.t('screen.title')}</span>
        </h1>
        <div className="screen-subtitle">
          <span className="screen-community" data-testid="screen-community" data-community-id={shownId ?? undefined}>{shownStop ? i18n.areaName(shownStop.community) : ''}</span>
          <span className="screen-tour-dots" aria-hidden="true">
            {stops.map((item) => (
              <i key={item.community.id} className={item.community.id === shownId ? 'active' : ''} />
            ))}
          </span>
          <span className="screen-tour-note">
            {settings.tourSeconds > 0 ? i18n.t('screen.tour', { seconds: settings.tourSeconds }) : i18n.t('screen.tourPaused')} · {i18n.t('screen.refresh', { seconds: settings.refreshSeconds })}
          </span>
        </div>
      </div>
      <div className="screen-header-side screen-header-right">
        <Clock />
        <div className="screen-data-as-of" data-testid="screen-data-as-of">
          {i18n.t('screen.dataAsOf', { time: dataAsOf ? i18n.dateTime(dataAsOf, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: LOCAL_TIME_ZONE }) : '–' })}
        </div>
      </div>
    </header>
  );
}
