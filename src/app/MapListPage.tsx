// The list of journey maps: create (from the template, blank or the gallery), open, rename, duplicate, delete.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { checkTitle, type FieldProblem } from '../domain/fields';
import { TITLE_MAX } from '../domain/limits';
import { pluralCategory } from '../domain/plural';
import type { MapSummary } from '../domain/types';
import { useLocaleStore, useT } from '../locales/i18n';
import { ApiError } from '../sync/serverDirectory';
import { pushUnsynced, type UnsyncedMark } from '../sync/unsynced';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { problemMessage } from '../ui/problemMessage';
import { TitleInput } from '../ui/TitleInput';
import { LockedListPage } from './access/LockedListPage';
import { formatUpdatedAt } from './format';
import { ImportJsonButton, ListImportOverlays } from './io/ListImport';
import { useJsonImport } from './io/useJsonImport';
import { LocaleSwitch } from './LocaleSwitch';
import { StorageNote } from './OfflineShell';
import { SampleMapOffer, TemplateGallery, useCreateMap, useTemplateGallery, type MapCreator } from './TemplateGallery';
import { MapRowHealth } from './MapRowHealth';
import { mapHref } from './routing';
import { useServerUnreachable, useServices } from './services';

const OFFLINE_RETRY_MS = 10_000;

export function MapListPage() {
  const t = useT();
  const { directory, openSession, reachability } = useServices();
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [unsynced, setUnsynced] = useState<Map<string, UnsyncedMark>>(new Map());
  const pushing = useRef(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [doomed, setDoomed] = useState<MapSummary | null>(null);
  // A server with AUTH_SECRET shows its list to the administrator only.
  const [locked, setLocked] = useState(false);
  const offline = useServerUnreachable();
  const gallery = useTemplateGallery(offline, maps !== null && !locked);
  const creator = useCreateMap(() => setFailure(t('app.list.operationFailed')));

  const reload = useCallback(async () => {
    try {
      // Read before listing: listing announces maps created offline, which clears their mark.
      const marks = (await directory.unsynced?.()) ?? new Map<string, UnsyncedMark>();
      setUnsynced(marks);
      setMaps(await directory.list());
      setLocked(false);
      // Work kept here for maps nobody has open yet: send it now the server answers.
      if (marks.size > 0 && reachability?.getState().reachable && !pushing.current) {
        pushing.current = true;
        try {
          await pushUnsynced([...marks.keys()], openSession);
        } finally {
          pushing.current = false;
        }
        setUnsynced((await directory.unsynced?.()) ?? new Map());
      }
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        setLocked(true);
        return;
      }
      console.error(error);
      setFailure(t('app.list.loadFailed'));
    }
  }, [directory, openSession, reachability, t]);
  const importer = useJsonImport(() => void reload());

  useEffect(() => {
    document.title = t('app.brand');
    void reload();
    // Another tab may have added or renamed a map meanwhile; back online, the server's list
    // replaces the cached one (and maps created offline are announced on the way).
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    window.addEventListener('online', onFocus);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('online', onFocus);
    };
  }, [reload, t]);

  // A server that went down sends no "online" event when it is back: ask again now and then.
  useEffect(() => {
    if (!offline) return;
    const timer = setInterval(() => void reload(), OFFLINE_RETRY_MS);
    return () => clearInterval(timer);
  }, [offline, reload]);

  /** Runs a directory operation; a failure shows a message instead of vanishing. */
  const run = async (operation: () => Promise<void>) => {
    setFailure(null);
    try {
      await operation();
    } catch (error) {
      console.error(error);
      setFailure(t('app.list.operationFailed'));
    }
    await reload();
  };

  if (locked) return <LockedListPage onUnlocked={() => void reload()} />;

  return (
    <div className="list-page" data-testid="map-list" {...importer.dropZoneProps}>
      <header className="app-header">
        <div className="app-header__brand">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.brand')}
        </div>
        <div className="app-header__spacer" />
        <ImportJsonButton importer={importer} disabled={offline} />
        <LocaleSwitch />
      </header>

      <main className="list-main">
        <CreateMapForm creator={creator} gallery={gallery} />

        {offline && (
          <p className="banner banner--offline" data-testid="list-offline" role="status">
            <span className="banner__dot" aria-hidden="true" />
            {t('app.list.offline')}
          </p>
        )}

        {failure && (
          <p className="banner banner--error" role="alert">
            {failure}
          </p>
        )}

        <section className="map-rows-section" aria-labelledby="map-list-heading">
          <h2 id="map-list-heading" className="section-title">
            {t('app.list.heading')}
          </h2>
          {maps === null ? (
            <p className="list-loading">{t('app.loading')}</p>
          ) : maps.length === 0 ? (
            <div className="empty-state" data-testid="map-list-empty">
              <div className="empty-state__art" aria-hidden="true">
                <span />
                <span />
                <span />
              </div>
              <h3>{t('app.list.emptyTitle')}</h3>
              <p>{t('app.list.emptyBody')}</p>
              <SampleMapOffer gallery={gallery} creator={creator} />
            </div>
          ) : (
            <ul className="map-rows">
              {maps.map((map) => (
                <MapRow
                  key={map.id}
                  map={map}
                  offline={offline}
                  unsynced={unsynced.get(map.id)}
                  onRename={(title) => {
                    // Show the new title at once; the reload confirms it.
                    setMaps((list) => list && list.map((m) => (m.id === map.id ? { ...m, title } : m)));
                    return run(() => directory.rename(map.id, title));
                  }}
                  onDuplicate={() =>
                    run(async () => {
                      const title = t('app.list.copyTitle', { title: map.title }).slice(0, TITLE_MAX);
                      await directory.duplicate(map.id, title);
                    })
                  }
                  onDelete={() => setDoomed(map)}
                />
              ))}
            </ul>
          )}
        </section>
        <StorageNote />
      </main>

      <ListImportOverlays importer={importer} />

      {doomed && (
        <ConfirmDialog
          title={t('app.list.deleteTitle')}
          message={t('app.list.deleteMessage', { title: doomed.title })}
          confirmLabel={t('app.list.deleteConfirm')}
          danger
          onCancel={() => setDoomed(null)}
          onConfirm={() => {
            const id = doomed.id;
            setDoomed(null);
            void run(() => directory.remove(id));
          }}
        />
      )}
    </div>
  );
}

function CreateMapForm({ creator, gallery }: { creator: MapCreator; gallery: ReturnType<typeof useTemplateGallery> }) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const { busy } = creator;

  /** The typed title, or `fallback` when nothing was typed; null when the typed one is refused. */
  const chosenTitle = (fallback: string): string | null => {
    const checked = checkTitle(title.trim() === '' ? fallback : title);
    if (!checked.ok) {
      setProblem(checked.problem);
      return null;
    }
    return checked.value;
  };

  const create = (template: 'default' | 'blank') => {
    const chosen = chosenTitle(t('app.list.untitled'));
    if (chosen !== null) void creator.create(chosen, template);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create('default');
  };

  return (
    <section className="create-card">
      <div className="create-card__intro">
        <h1 className="create-card__title">{t('app.list.createHeading')}</h1>
        <p className="create-card__lead">{t('app.list.createLead')}</p>
      </div>
      <form className="create-card__form" onSubmit={onSubmit}>
        <label htmlFor="new-map-title" className="visually-hidden">
          {t('app.list.titleLabel')}
        </label>
        <div className="create-card__field">
          <input
            id="new-map-title"
            data-testid="new-map-title"
            className="text-input"
            value={title}
            placeholder={t('app.list.untitled')}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => {
              setTitle(e.target.value);
              setProblem(null);
            }}
          />
          {problem && (
            <div className="field-error" data-testid="field-error" role="alert">
              {problemMessage(t, problem)}
            </div>
          )}
        </div>
        <button type="submit" className="button button--primary" data-testid="new-map-template" disabled={busy}>
          {t('app.list.createFromTemplate')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="new-map-blank"
          disabled={busy}
          onClick={() => create('blank')}
        >
          {t('app.list.createBlank')}
        </button>
      </form>
      <TemplateGallery
        gallery={gallery}
        busy={busy}
        onPick={(template) => {
          // Untitled, the new map takes the example's own title.
          const chosen = chosenTitle(template.title);
          if (chosen !== null) void creator.create(chosen, template.id);
        }}
      />
    </section>
  );
}

interface MapRowProps {
  map: MapSummary;
  /** Rename, duplicate and delete need the server. */
  offline: boolean;
  /** Work on this map the server has not confirmed. */
  unsynced: UnsyncedMark | undefined;
  onRename: (title: string) => Promise<void>;
  onDuplicate: () => Promise<void>;
  onDelete: () => void;
}

function MapRow({ map, offline, unsynced, onRename, onDuplicate, onDelete }: MapRowProps) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [renaming, setRenaming] = useState(false);
  const offlineTitle = offline ? t('app.list.offlineAction') : undefined;

  return (
    <li className="map-row" data-testid="map-row" data-map-id={map.id}>
      <div className="map-row__main">
        {renaming ? (
          <TitleInput
            initial={map.title}
            label={t('app.list.titleLabel')}
            testId="map-rename-input"
            className="map-row__rename"
            inputClassName="text-input"
            onDone={(title) => {
              setRenaming(false);
              if (title !== null && title !== map.title) void onRename(title);
            }}
          />
        ) : (
          <a className="map-row__title" data-testid="map-row-title" href={mapHref(map.id)} title={map.title}>
            {map.title}
          </a>
        )}
        <div className="map-row__meta">
          <span>{t(`app.list.touchpoints.${pluralCategory(locale, map.touchpointCount)}`, { count: map.touchpointCount })}</span>
          <span aria-hidden="true">·</span>
          <span>{t('app.list.updated', { date: formatUpdatedAt(locale, map.updatedAt) })}</span>
          {unsynced && (
            <>
              <span aria-hidden="true">·</span>
              <span className="map-row__unsynced" data-testid="map-row-unsynced" title={t('app.list.unsyncedHint')}>
                {unsynced.createdOffline
                  ? t('app.list.createdOffline')
                  : t(`app.list.unsynced.${pluralCategory(locale, unsynced.changes)}`, { count: unsynced.changes })}
              </span>
            </>
          )}
        </div>
        <MapRowHealth map={map} />
      </div>
      <div className="map-row__actions">
        <a className="button button--small" data-testid="map-open" href={mapHref(map.id)}>
          {t('app.list.open')}
        </a>
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="map-rename"
          disabled={offline}
          title={offlineTitle}
          onClick={() => setRenaming(true)}
        >
          {t('app.list.rename')}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="map-duplicate"
          disabled={offline}
          title={offlineTitle}
          onClick={() => void onDuplicate()}
        >
          {t('app.list.duplicate')}
        </button>
        <button
          type="button"
          className="button button--ghost button--small button--danger-text"
          data-testid="map-delete"
          disabled={offline}
          title={offlineTitle}
          onClick={onDelete}
        >
          {t('app.list.delete')}
        </button>
      </div>
    </li>
  );
}
