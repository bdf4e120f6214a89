import { describe, expect, it } from 'vitest';
import { bindCommands } from '../../../src/doc/commands';
import { bindCommentCommands, NotYourCommentError } from '../../../src/doc/comments';
import * as mutations from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { FieldError } from '../../../src/domain/fields';
import { makeMapDoc } from '../../fixtures/factories';

describe('bindCommands', () => {
  it('edits the bound doc without the caller holding it', () => {
    const { doc, stages, channels } = makeMapDoc();
    const commands = bindCommands(doc, 'anna');
    const id = commands.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Ad' });
    commands.updateTouchpoint(id, { expectation: 3 });
    commands.setMapTitle('Bound');
    const snap = readSnapshot(doc);
    expect(snap.meta.title).toBe('Bound');
    expect(snap.touchpoints).toMatchObject([{ id, title: 'Ad', expectation: 3 }]);
  });

  it('passes refusals through to the caller', () => {
    const { doc } = makeMapDoc();
    expect(() => bindCommands(doc, 'anna').setMapTitle('')).toThrow(FieldError);
  });

  it('votes for the person they were bound for: each keeps one tally, and the note shows the sum', () => {
    const { doc, stages, channels } = makeMapDoc();
    const anna = bindCommands(doc, 'anna');
    const boris = bindCommands(doc, 'boris');
    const card = anna.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Ad' });
    const note = anna.addNote(card, 'fix', 'Too small to read');
    anna.voteNote(note, 1);
    anna.voteNote(note, 1);
    boris.voteNote(note, 1);
    boris.voteNote(note, -1);
    expect(readSnapshot(doc).notes).toMatchObject([{ id: note, votes: 2 }]);
  });

  it('offers every exported mutation that edits a map', () => {
    const commands = bindCommands(makeMapDoc().doc, 'anna');
    const helpers = new Set(['LOCAL_ORIGIN', 'change', 'initMap']);
    const mutationNames = Object.keys(mutations).filter((name) => !helpers.has(name));
    const commentCommands = Object.keys(bindCommentCommands(makeMapDoc().doc, 'anna'));
    expect(Object.keys(commands).sort()).toEqual([...mutationNames, ...commentCommands].sort());
  });

  it('writes comments as the person they were bound for: only they may edit or delete theirs', () => {
    const { doc, stages, channels } = makeMapDoc();
    const anna = bindCommands(doc, 'anna');
    const boris = bindCommands(doc, 'boris');
    const card = anna.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Ad' });
    const thread = anna.addComment('Anna', { touchpointId: card }, 'Too small?');
    expect(() => boris.editComment(thread, 'Fine')).toThrow(NotYourCommentError);
    expect(() => boris.deleteComment(thread)).toThrow(NotYourCommentError);
    anna.editComment(thread, 'Too small to read?');
    expect(readSnapshot(doc).comments).toMatchObject([{ id: thread, author: 'anna', authorName: 'Anna', text: 'Too small to read?' }]);
  });
});
