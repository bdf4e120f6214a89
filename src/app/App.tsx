import { useEffect } from 'react';
import { useLocaleStore } from '../locales/i18n';
import { LinkIntake } from './access/LinkIntake';
import { MapListPage } from './MapListPage';
import { MapPage } from './MapPage';
import { UpdatePrompt } from './OfflineShell';
import { useRoute } from './routing';
import { ServicesProvider, type AppServices } from './services';

export function App({ services }: { services: AppServices }) {
  const route = useRoute();
  const locale = useLocaleStore((s) => s.locale);

  // Screen readers and hyphenation follow the chosen language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <ServicesProvider services={services}>
      {route.page === 'list' ? (
        <MapListPage />
      ) : route.token ? (
        <LinkIntake mapId={route.mapId} token={route.token} />
      ) : (
        <MapPage key={route.mapId} mapId={route.mapId} />
      )}
      <UpdatePrompt />
    </ServicesProvider>
  );
}
