// The map's own details: who the customer is (persona), the scenario, and how often the
// map should hear fresh customer voice (the review cadence).
import { checkLongText, checkOptionalTitle } from '../domain/fields';
import { useT } from '../locales/i18n';
import { useMapSession, useMapState } from '../store/context';
import { DraftField } from './DraftField';
import { checkCadenceText } from './fieldChecks';
import { PanelHeader } from './PanelHeader';

export function MapPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { commands, readOnly } = useMapSession();
  const meta = useMapState((s) => s.meta);

  return (
    <aside className="side-panel__content map-panel" data-testid="map-panel" aria-label={t('panels.map.heading')}>
      <PanelHeader heading={t('panels.map.heading')} onClose={onClose} />

      <div className="panel-body">
        {/* A saved review (or a view link) is shown with every field disabled. */}
        <fieldset className="readonly-fields" disabled={readOnly === true}>
        <section className="panel-section">
          <h3 className="panel-section__title">{t('domain.words.persona')}</h3>
          <p className="panel-section__hint">{t('panels.map.personaHint')}</p>
          <DraftField
            testId="field-persona-name"
            label={t('panels.map.personaName')}
            value={meta.persona.name}
            check={checkOptionalTitle}
            onCommit={(name) => commands.setPersona({ name })}
            placeholder={t('panels.map.personaNamePlaceholder')}
          />
          <DraftField
            testId="field-persona-description"
            label={t('panels.map.personaDescription')}
            multiline
            value={meta.persona.description}
            check={checkLongText}
            onCommit={(description) => commands.setPersona({ description })}
            placeholder={t('panels.map.personaDescriptionPlaceholder')}
          />
          <DraftField
            testId="field-persona-goal"
            label={t('panels.map.personaGoal')}
            multiline
            value={meta.persona.goal}
            check={checkLongText}
            onCommit={(goal) => commands.setPersona({ goal })}
            placeholder={t('panels.map.personaGoalPlaceholder')}
          />
          <DraftField
            testId="field-persona-quote"
            label={t('panels.map.personaQuote')}
            multiline
            value={meta.persona.quote}
            check={checkLongText}
            onCommit={(quote) => commands.setPersona({ quote })}
            placeholder={t('panels.map.personaQuotePlaceholder')}
          />
        </section>

        <section className="panel-section">
          <h3 className="panel-section__title">{t('panels.map.scenario')}</h3>
          <DraftField
            testId="field-scenario"
            label={t('panels.map.scenario')}
            hideLabel
            multiline
            value={meta.scenario}
            check={checkLongText}
            onCommit={(scenario) => commands.setScenario(scenario)}
            placeholder={t('panels.map.scenarioPlaceholder')}
          />
        </section>

        <section className="panel-section">
          <h3 className="panel-section__title">{t('panels.map.cadence')}</h3>
          <DraftField
            testId="field-cadence"
            label={t('panels.map.cadenceDays')}
            type="number"
            className="cadence-field"
            min={1}
            value={String(meta.cadenceDays)}
            check={checkCadenceText}
            onCommit={(days) => commands.setCadence(days)}
          />
          <p className="panel-section__hint">{t('panels.map.cadenceHint', { days: meta.cadenceDays })}</p>
        </section>
        </fieldset>
      </div>
    </aside>
  );
}
