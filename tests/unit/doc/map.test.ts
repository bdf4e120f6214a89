import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initMap, setCadence, setMapTitle, setPersona, setScenario } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { LAYOUT_VERSION, metaOf } from '../../../src/doc/layout';
import { TEXT_MAX, TITLE_MAX } from '../../../src/domain/limits';
import { makeMapDoc } from '../../fixtures/factories';
import { expectRefused } from '../../fixtures/docAssertions';

describe('initMap', () => {
  it('fills a new map from the default template, lanes in template order', () => {
    const { doc } = makeMapDoc({ title: '  Car insurance  ' });
    const snap = readSnapshot(doc);
    expect(snap.meta.title).toBe('Car insurance');
    expect(snap.meta.cadenceDays).toBe(90);
    expect(snap.meta.persona).toEqual({ name: '', description: '', goal: '', quote: '', photo: '' });
    expect(Date.parse(snap.meta.createdAt)).not.toBeNaN();
    expect(snap.stages.map((s) => s.title)).toEqual(['Discover', 'Choose', 'Buy', 'Use', 'Get help', 'Leave']);
    expect(snap.channels.map((c) => c.title)).toEqual(['Website', 'Phone', 'Office', 'Chat', 'Email', 'Social']);
    expect(snap.touchpoints).toEqual([]);
    expect(metaOf(doc).get('layoutVersion')).toBe(LAYOUT_VERSION);
  });

  it('writes lane titles in the chosen language', () => {
    const { stages, channels } = makeMapDoc({ locale: 'ru' });
    expect(stages[0]!.title).toBe('Узнаёт');
    expect(channels[1]!.title).toBe('Телефон');
  });

  it('leaves a blank map without lanes', () => {
    const { stages, channels } = makeMapDoc({ template: 'blank' });
    expect(stages).toEqual([]);
    expect(channels).toEqual([]);
  });

  it('refuses an empty title and writes nothing', () => {
    const doc = new Y.Doc();
    expectRefused(doc, () => initMap(doc, { title: '  ', template: 'default' }), 'title', 'required');
  });
});

describe('map fields', () => {
  it('renames the map, trimmed', () => {
    const { doc } = makeMapDoc();
    setMapTitle(doc, ' Onboarding 2026 ');
    expect(readSnapshot(doc).meta.title).toBe('Onboarding 2026');
  });

  it('refuses an empty or too long title', () => {
    const { doc } = makeMapDoc();
    expectRefused(doc, () => setMapTitle(doc, ''), 'title', 'required');
    expectRefused(doc, () => setMapTitle(doc, 'x'.repeat(TITLE_MAX + 1)), 'title', 'tooLong');
  });

  it('sets the scenario, which may be cleared', () => {
    const { doc } = makeMapDoc();
    setScenario(doc, 'Buys a policy online');
    expect(readSnapshot(doc).meta.scenario).toBe('Buys a policy online');
    setScenario(doc, '');
    expect(readSnapshot(doc).meta.scenario).toBe('');
    expectRefused(doc, () => setScenario(doc, 'x'.repeat(TEXT_MAX + 1)), 'scenario', 'tooLong');
  });

  it('changes only the persona fields given', () => {
    const { doc } = makeMapDoc();
    setPersona(doc, { name: 'Olga, 34', goal: 'Insure the new car today' });
    setPersona(doc, { description: 'Drives to work' });
    expect(readSnapshot(doc).meta.persona).toEqual({
      name: 'Olga, 34',
      description: 'Drives to work',
      goal: 'Insure the new car today',
      quote: '',
      photo: '',
    });
  });

  it('refuses a whole persona edit when one field is bad', () => {
    const { doc } = makeMapDoc();
    expectRefused(doc, () => setPersona(doc, { name: 'Olga', goal: 'x'.repeat(TEXT_MAX + 1) }), 'persona.goal');
    expectRefused(doc, () => setPersona(doc, { name: 'x'.repeat(TITLE_MAX + 1) }), 'persona.name');
    expect(readSnapshot(doc).meta.persona.name).toBe('');
  });

  it('sets the review cadence in days', () => {
    const { doc } = makeMapDoc();
    setCadence(doc, 30);
    expect(readSnapshot(doc).meta.cadenceDays).toBe(30);
    expectRefused(doc, () => setCadence(doc, 0), 'cadenceDays', 'outOfRange');
    expectRefused(doc, () => setCadence(doc, 7.5), 'cadenceDays', 'notInteger');
  });
});
