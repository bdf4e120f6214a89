// Details of the focused touchpoint: what it is, where it sits, how the customer rates it,
// the Fix / WOW / Plan B notes and the customer's voice.
import { useEffect, type FocusEvent } from 'react';
import { useShallow } from 'zustand/shallow';
import { checkLongText, checkName, checkTitle } from '../domain/fields';
import { RATING_MAX, RATING_MIN } from '../domain/limits';
import { formatScore, satisfaction, satisfactionTone } from '../domain/satisfaction';
import { TOUCHPOINT_STATUSES, type Id, type TouchpointStatus } from '../domain/types';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapSession, useMapState, useUi, useUiStore } from '../store/context';
import { CommentThreads } from './comments/CommentsPanel';
import { DraftField } from './DraftField';
import { ratingFromOption, ratingToOption } from './fieldChecks';
import { NotesSection } from './NotesSection';
import { PanelHeader } from './PanelHeader';
import { QuotesSection } from './QuotesSection';
import { safely } from './safely';
import { SelectField } from './SelectField';
import { notesOfTouchpoint, quotesOfTouchpoint } from './selectors';

const RATINGS = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => String(RATING_MIN + i));

export function TouchpointPanel({ touchpointId, onClose }: { touchpointId: Id; onClose: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  // Just added: the title takes the cursor once (then the request is spent).
  const wantsTitle = useUi((s) => s.titleFocus === touchpointId);
  const uiStore = useUiStore();
  useEffect(() => {
    if (wantsTitle) uiStore.getState().clearTitleFocus();
  }, [wantsTitle, uiStore]);
  const { commands, presence, readOnly } = useMapSession();
  const touchpoint = useMapState((s) => s.touchpoints[touchpointId]);
  const stages = useMapState((s) => s.stages);
  const channels = useMapState((s) => s.channels);
  const notes = useMapState(useShallow((s) => notesOfTouchpoint(s.notes, touchpointId)));
  const quotes = useMapState(useShallow((s) => quotesOfTouchpoint(s.quotes, touchpointId)));

  // Colleagues see who is typing in this card while a text field of this panel has focus.
  const onFocus = (e: FocusEvent) => {
    if (isTextField(e.target)) presence.setEditing(touchpointId);
  };
  const onBlur = (e: FocusEvent) => {
    // Tabbing from one field to the next keeps "editing" without a flicker.
    const next = e.relatedTarget;
    if (isTextField(next) && e.currentTarget.contains(next)) return;
    presence.setEditing(null);
  };
  // Closed or switched to another card while typing: no blur event reaches us.
  useEffect(() => () => presence.setEditing(null), [presence, touchpointId]);

  // Deleted (here or by a colleague): nothing left to show.
  if (!touchpoint) return null;

  const id = touchpoint.id;
  const score = satisfaction(touchpoint);
  const ratingOptions = [{ value: '', label: t('panels.touchpoint.notRated') }, ...RATINGS.map((r) => ({ value: r, label: r }))];
  const move = (to: { stageId: Id; channelId: Id }) => safely(() => commands.moveTouchpoint({ id, ...to }));

  return (
    <aside
      className="side-panel__content touchpoint-panel"
      data-testid="touchpoint-panel"
      aria-label={t('domain.words.touchpoint')}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      <PanelHeader heading={t('domain.words.touchpoint')} onClose={onClose} />

      <div className="panel-body">
        {/* A saved review (or a view link) is shown with every field disabled. */}
        <fieldset className="readonly-fields" disabled={readOnly === true}>
        <DraftField
          // A new card gets a fresh field, so its title takes the cursor even when the panel was open.
          key={id}
          testId="field-title"
          label={t('panels.touchpoint.title')}
          hideLabel
          className="panel-title-field"
          value={touchpoint.title}
          check={checkTitle}
          onCommit={(title) => commands.updateTouchpoint(id, { title })}
          autoFocus={wantsTitle}
          selectOnFocus={wantsTitle}
        />
        <DraftField
          testId="field-description"
          label={t('panels.touchpoint.description')}
          multiline
          value={touchpoint.description}
          check={checkLongText}
          onCommit={(description) => commands.updateTouchpoint(id, { description })}
          placeholder={t('panels.touchpoint.descriptionPlaceholder')}
        />

        <div className="field-grid">
          <SelectField
            testId="field-stage"
            label={t('domain.words.stage')}
            value={touchpoint.stageId}
            options={stages.map((s) => ({ value: s.id, label: s.title }))}
            onChange={(stageId) => move({ stageId, channelId: touchpoint.channelId })}
          />
          <SelectField
            testId="field-channel"
            label={t('domain.words.channel')}
            value={touchpoint.channelId}
            options={channels.map((c) => ({ value: c.id, label: c.title }))}
            onChange={(channelId) => move({ stageId: touchpoint.stageId, channelId })}
          />
          <SelectField
            testId="field-status"
            label={t('panels.touchpoint.status')}
            value={touchpoint.status}
            options={TOUCHPOINT_STATUSES.map((s) => ({ value: s, label: t(`domain.touchpointStatus.${s}`) }))}
            onChange={(status) => safely(() => commands.updateTouchpoint(id, { status: status as TouchpointStatus }))}
          />
          <DraftField
            testId="field-owner"
            label={t('panels.touchpoint.owner')}
            value={touchpoint.owner}
            check={checkName}
            onCommit={(owner) => commands.updateTouchpoint(id, { owner })}
            placeholder={t('panels.touchpoint.ownerPlaceholder')}
          />
        </div>

        <div className="rating">
          <div className="rating__selects">
            <SelectField
              testId="field-expectation"
              label={t('domain.words.expectation')}
              value={ratingToOption(touchpoint.expectation)}
              options={ratingOptions}
              onChange={(v) => safely(() => commands.updateTouchpoint(id, { expectation: ratingFromOption(v) }))}
            />
            <SelectField
              testId="field-perception"
              label={t('domain.words.perception')}
              value={ratingToOption(touchpoint.perception)}
              options={ratingOptions}
              onChange={(v) => safely(() => commands.updateTouchpoint(id, { perception: ratingFromOption(v) }))}
            />
          </div>
          <div className="satisfaction">
            <span className="satisfaction__label">
              {t('domain.words.satisfaction')}
              <span className="satisfaction__hint">{t('panels.touchpoint.satisfactionHint')}</span>
            </span>
            <span
              className={`satisfaction__value satisfaction__value--${satisfactionTone(score)}`}
              data-testid="panel-satisfaction"
              data-value={score ?? ''}
            >
              {formatScore(score, locale)}
            </span>
          </div>
        </div>

        <NotesSection touchpointId={id} notes={notes} />
        <QuotesSection touchpointId={id} quotes={quotes} />
        </fieldset>
        {/* Outside the fieldset: a view link disables editing there but may read the threads. */}
        <CommentThreads target={{ touchpointId: id }} />
      </div>
    </aside>
  );
}

const isTextField = (target: EventTarget | null): target is HTMLElement =>
  target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio');
