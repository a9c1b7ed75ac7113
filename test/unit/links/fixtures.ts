// Small builders for link objects shaped like the API's.

import type { IssueLink } from '../../../src/tracker/types';

// Server labels as the English API returns them (used where a test needs any label).
const LABELS: Record<string, { inward: string; outward: string }> = {
  relates: { inward: 'Relates', outward: 'Relates' },
  depends: { inward: 'Is dependent by', outward: 'Depends on' },
  subtask: { inward: 'Sub-issue', outward: 'Parent issue' },
  duplicates: { inward: 'Is duplicated by', outward: 'Duplicates' },
  epic: { inward: 'Issue in epic', outward: 'Epic' },
  clone: { inward: 'Clone', outward: 'Original' },
};

let nextId = 1;

export function makeLink(
  typeId: string,
  direction: 'outward' | 'inward',
  key: string,
  statusKey?: string,
): IssueLink {
  const labels = LABELS[typeId] ?? { inward: `${typeId} (in)`, outward: `${typeId} (out)` };
  return {
    id: nextId++,
    type: { id: typeId, ...labels },
    direction,
    object: { id: `id-${key}`, key, display: `Summary of ${key}` },
    ...(statusKey ? { status: { key: statusKey, display: statusKey } } : {}),
  };
}
