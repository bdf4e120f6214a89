// What the comment views share: who is looking, whom they can mention, and when they last
// visited this map (for the "new" marks).
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { Viewer } from '../../domain/comments';
import { lastSeenAt, markSeen } from '../../store/comments';
import { useMapSession, useMapState } from '../../store/context';

const visits = new WeakMap<object, string | null>();

export function useViewer(): Viewer {
  const { presence } = useMapSession();
  return useStore(presence.state, useShallow((s) => ({ id: s.self.id, name: s.self.name })));
}

/** People who have been on the map, who wrote here, and who is here now: whom `@` offers. */
export function useMentionNames(): string[] {
  const { presence } = useMapSession();
  const people = useMapState((s) => s.people);
  const comments = useMapState((s) => s.comments);
  const peers = useStore(presence.state, useShallow((s) => s.peers.map((p) => p.user.name)));
  return useMemo(() => {
    const names = new Set<string>([...Object.values(people), ...peers]);
    for (const c of Object.values(comments)) names.add(c.authorName);
    return [...names].map((n) => n.trim()).filter(Boolean);
  }, [people, comments, peers]);
}

/**
 * The time of this person's previous visit to the map, fixed for the whole visit (so marks do
 * not vanish while they read); this visit is recorded as they leave. Also notes the person on the
 * map (for others' `@`) when they may edit it.
 */
export function useLastVisit(): string | null {
  const session = useMapSession();
  const { mapId, commands, readOnly } = session;
  const viewer = useViewer();
  const [previous] = useState(() => {
    // Read once per opening of the map: views mounted later in the visit see the same time.
    if (!visits.has(session)) visits.set(session, lastSeenAt(mapId, viewer.id));
    return visits.get(session) ?? null;
  });
  useEffect(() => {
    const record = () => markSeen(mapId, viewer.id);
    window.addEventListener('pagehide', record);
    return () => {
      window.removeEventListener('pagehide', record);
      record();
    };
  }, [mapId, viewer.id]);
  useEffect(() => {
    if (!readOnly && viewer.name.trim() !== '') commands.notePerson(viewer.name);
  }, [commands, readOnly, viewer.name]);
  return previous;
}
