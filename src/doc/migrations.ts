// Versions of the Y.Doc layout and the steps between them. A map saved by an older build is
// brought up to LAYOUT_VERSION in one transaction when a client of this build has synced it;
// a map saved by a newer build is shown read-only (this build would misread what it added).
//
// Every step must be idempotent and deterministic: two clients may migrate the same map at
// once, offline from each other, and their two migrations must merge into the same doc. So a
// step only deletes, or writes values every client computes alike; it never writes over a
// field a person edits (a concurrent edit could lose to the migration's write).
import * as Y from 'yjs';
import { checklistOf, entitiesOf, isDocEmptyOf, metaOf, touchpointsOf } from './layout';

export const LAYOUT_VERSION = 2;

/** Origin of a migration's transaction: not LOCAL_ORIGIN, so nobody can undo it. */
export const MIGRATION_ORIGIN = Symbol('cjm-layout-migration');

interface LayoutStep {
  /** The version this step produces. */
  to: number;
  why: string;
  up: (doc: Y.Doc) => void;
}

const STEPS: readonly LayoutStep[] = [
  {
    to: 2,
    why: 'review ticks of deleted touchpoints (a tick racing a delete) counted in review progress',
    up: (doc) => {
      const alive = new Set(Array.from(entitiesOf(touchpointsOf(doc)), ([id]) => id));
      for (const id of [...checklistOf(doc).keys()]) if (!alive.has(id)) checklistOf(doc).delete(id);
    },
  },
];

/**
 * The doc's layout version: `meta.layoutVersion`; a map with content but no version predates
 * versions (1); an empty doc (nothing synced yet) has none.
 */
export function layoutVersionOf(doc: Y.Doc): number | null {
  const v = metaOf(doc).get('layoutVersion');
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return v;
  return isDocEmptyOf(doc) ? null : 1;
}

export type LayoutStatus = 'empty' | 'older' | 'current' | 'newer';

export function layoutStatus(doc: Y.Doc): LayoutStatus {
  const version = layoutVersionOf(doc);
  if (version === null) return 'empty';
  return version < LAYOUT_VERSION ? 'older' : version > LAYOUT_VERSION ? 'newer' : 'current';
}

/** Brings an older layout up to this build's, in one transaction. Returns whether it did anything. */
export function migrateLayout(doc: Y.Doc): boolean {
  const from = layoutVersionOf(doc);
  if (from === null || from >= LAYOUT_VERSION) return false;
  doc.transact(() => {
    for (const step of STEPS) if (step.to > from) step.up(doc);
    metaOf(doc).set('layoutVersion', LAYOUT_VERSION);
  }, MIGRATION_ORIGIN);
  return true;
}
