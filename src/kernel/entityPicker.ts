import * as vscode from 'vscode';
import type { Entity, EntityType, TrackerApi } from '../tracker/types';
import { describeError } from './errors';
import { typedEntityId } from '../tracker/values';
import { entityStatusLabel } from './linkWords';
import type { PickOptions } from './quickInput';

/** A project, portfolio or goal in a quick pick. */
export interface EntityItem extends vscode.QuickPickItem {
  /** The 24-hex id, or the id / number the user typed (a shortId works in paths and bodies too). */
  ref: string;
  shortId?: number;
  name: string;
}


/** What people call an entity: its summary, else its number, else its id. */
export function entityName(e: Entity): string {
  return e.fields?.summary || (e.shortId !== undefined ? `#${e.shortId}` : e.id);
}

function entityItem(e: Entity): EntityItem {
  const bits = [e.shortId !== undefined ? `#${e.shortId}` : undefined, entityStatusLabel(e.fields?.entityStatus)].filter(Boolean);
  return { label: entityName(e), description: bits.join(' · ') || undefined, ref: e.id, shortId: e.shortId, name: entityName(e) };
}

/** An id or number typed into the pick, taken at once (the server says whether it exists). */
export function typedEntityItem(value: string): EntityItem | undefined {
  const id = typedEntityId(value);
  if (!id) return undefined;
  return { label: id, description: vscode.l10n.t('Use this id'), ref: id.toLowerCase(), name: /^\d+$/.test(id) ? `#${id}` : id };
}

/**
 * The parts of a quick pick that find entities of one type: the first page at
 * once, live search as the user types, a typed id or number. `skip` hides
 * entities that make no sense here (the source, ones already linked).
 */
export function entitySearch(
  api: () => TrackerApi,
  type: EntityType,
  skip: (e: Entity) => boolean = () => false,
): Pick<PickOptions<EntityItem>, 'load' | 'search' | 'acceptValue' | 'describeError'> {
  const search = async (value: string, signal: AbortSignal) =>
    (await api().searchEntities(type, value.trim(), { signal, perPage: 30 })).values.filter((e) => !skip(e)).map(entityItem);
  return { load: (signal) => search('', signal), search, acceptValue: typedEntityItem, describeError };
}

/**
 * Typed numbers of targets of another kind → the entities' ids (one GET each,
 * typed ones only): a number names an entity only within its own kind.
 */
export async function resolveTypedTargets(api: TrackerApi, type: EntityType, targetType: EntityType, targets: readonly EntityItem[]): Promise<EntityItem[]> {
  if (targetType === type) return [...targets];
  return Promise.all(
    targets.map(async (t) => {
      if (!/^\d+$/.test(t.ref)) return t;
      const e = await api.getEntity(targetType, t.ref);
      return { ...t, ref: e.id, shortId: e.shortId, name: entityName(e) };
    }),
  );
}
