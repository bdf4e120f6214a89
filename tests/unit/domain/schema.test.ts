// One schema per entity drives the doc readers, the file validator, the export, the
// clipboard and docs/journey-map.schema.json. These tests hold each of them to the schema,
// field by field, so a field added to src/domain/schema.ts cannot be forgotten by one of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parsePayload, serializePayload } from '../../../src/canvas/clipboard';
import { channelsOf, stagesOf } from '../../../src/doc/layout';
import { updateLane } from '../../../src/doc/mutations';
import { readChannel, readSnapshot, readTouchpoint } from '../../../src/doc/read';
import { exportMapJson } from '../../../src/domain/format/export';
import { journeyMapJsonSchemaText } from '../../../src/domain/format/jsonSchema';
import { parseMapJson } from '../../../src/domain/format/validate';
import { NAME_MAX } from '../../../src/domain/limits';
import { ENTITY_SCHEMAS, TOUCHPOINT, fieldsOf, readPeerValue } from '../../../src/domain/schema';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

describe('entity schemas', () => {
  it('docs/journey-map.schema.json is the one generated from them (run `npm run schema` after a change)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../../docs/journey-map.schema.json'), 'utf8');
    expect(committed).toBe(journeyMapJsonSchemaText());
  });

  it('every field has a default or is required in the file, and reads a wrong-typed peer value as its safe value', () => {
    for (const schema of Object.values(ENTITY_SCHEMAS)) {
      for (const [key, def] of fieldsOf(schema)) {
        const where = `${schema.name}.${key}`;
        expect(def.is(def.peerFallback), where).toBe(true);
        // An object where a string, number or boolean belongs is never handed to the UI.
        expect(readPeerValue(def, { toString: 'x' }), where).toEqual(def.peerFallback);
        if (def.fallback !== undefined) expect(def.check(def.fallback).ok, `${where} default passes its check`).toBe(true);
      }
    }
  });

  it('the doc reader reads every touchpoint field a peer wrote with the wrong type as its safe value', () => {
    const { doc } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0, { title: 'Card' });
    const tp = doc.getMap<Y.Map<unknown>>('touchpoints').get(id)!;
    for (const [key] of fieldsOf(TOUCHPOINT)) if (key !== 'id') tp.set(key, { hostile: true });
    const read = readTouchpoint(tp);
    for (const [key, def] of fieldsOf(TOUCHPOINT)) if (key !== 'id') expect(read[key as keyof typeof read], key).toEqual(def.peerFallback);
  });
});

describe('a stage or channel owner (a field added through the schema alone)', () => {
  it('is edited through the lane command, with the name limit', () => {
    const { doc, stages } = makeMapDoc();
    const stageId = stages[0]!.id;
    updateLane(doc, 'stage', stageId, { owner: '  Marta (CX lead) ' });
    expect(readSnapshot(doc).stages[0]!.owner).toBe('Marta (CX lead)');
    expect(() => updateLane(doc, 'stage', stageId, { owner: 'x'.repeat(NAME_MAX + 1) })).toThrow(/owner/);
    expect(readSnapshot(doc).stages[0]!.owner).toBe('Marta (CX lead)');
  });

  it('travels through the file and back, and an old lane without one reads as unowned', () => {
    const { doc, channels } = makeMapDoc();
    updateLane(doc, 'channel', channels[1]!.id, { owner: 'Support team' });
    const text = exportMapJson(readSnapshot(doc), [], '2026-12-07T10:00:00.000Z');
    expect(JSON.parse(text).channels[1].owner).toBe('Support team');
    const back = parseMapJson(text);
    expect(back.ok && back.value.snapshot.channels[1]!.owner).toBe('Support team');

    const legacy = JSON.parse(text);
    delete legacy.channels[1].owner;
    const old = parseMapJson(JSON.stringify(legacy));
    expect(old.ok && old.value.snapshot.channels[1]!.owner).toBe('');
    // A lane written by an older build has no owner entry in the doc at all.
    const lane = channelsOf(doc).get(channels[1]!.id)!;
    lane.delete('owner');
    expect(readChannel(lane).owner).toBe('');
  });

  it('is refused in a file when too long, naming where', () => {
    const { doc } = makeMapDoc();
    const file = JSON.parse(exportMapJson(readSnapshot(doc), [], '2026-12-07T10:00:00.000Z'));
    file.stages[2].owner = 'x'.repeat(NAME_MAX + 1);
    const result = parseMapJson(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(['$.stages[2].owner']);
    expect(stagesOf(doc).size).toBe(6);
  });
});

describe('clipboard payloads read through the schema', () => {
  it('keeps whole cards, fills fields an older copy lacks, and drops entries missing required ones', () => {
    const { doc } = makeMapDoc();
    addTouchpointAt(doc, 0, 0, { title: 'Card' });
    const card = readSnapshot(doc).touchpoints[0]!;
    const { owner: _owner, ...older } = card;
    const text = JSON.stringify({
      ...JSON.parse(serializePayload({ touchpoints: [older as typeof card], notes: [], quotes: [], connections: [] })),
      notes: [{ touchpointId: card.id, kind: 'fix' }],
    });
    const payload = parsePayload(text)!;
    expect(payload.touchpoints).toEqual([{ ...card, owner: '' }]);
    expect(payload.notes).toEqual([]);
  });
});
