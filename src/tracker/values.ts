// Values as Tracker writes them: its date format and the two spellings of
// an entity's id. Pure, shared by the views and the pickers.

/** `2017-06-11T05:16:01.421+0000` (or any ISO-8601 date) → a Date; undefined when unreadable. */
export function parseTrackerDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const ENTITY_ID = /^[0-9a-f]{24}$/i;
const SHORT_ID = /^\d{1,9}$/;

/** A typed entity id (24 hex) or numeric short id, trimmed; undefined when it is neither. */
export function typedEntityId(value: string): string | undefined {
  const v = value.trim().replace(/^#/, '');
  return ENTITY_ID.test(v) || SHORT_ID.test(v) ? v : undefined;
}
