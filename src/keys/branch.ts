import { normalizeKey } from './keys';

/**
 * The issue key in a git branch name: `feature/TREK-123-login` → `TREK-123`.
 * Unlike keys in prose, a branch key is usually followed by `-words`, so the
 * run-on rule of the text matcher does not apply here.
 */
export function keyFromBranch(branch: string | undefined, knownQueues?: ReadonlySet<string>): string | undefined {
  if (!branch) return undefined;
  const re = /(?:^|[^A-Za-z0-9])([A-Za-z]{2,})-(\d+)(?![0-9])/g;
  for (let m = re.exec(branch); m; m = re.exec(branch)) {
    const key = normalizeKey(`${m[1]}-${m[2]}`);
    if (!key) continue;
    const queue = key.slice(0, key.indexOf('-'));
    if (knownQueues && knownQueues.size && !knownQueues.has(queue)) continue;
    if (!knownQueues?.size && NOT_QUEUES.has(queue)) continue;
    return key;
  }
  return undefined;
}

/** Words that precede numbers in branch names but are never queues. */
const NOT_QUEUES = new Set(['RELEASE', 'V', 'VERSION', 'HOTFIX', 'BUGFIX', 'FEATURE', 'FIX', 'UTF', 'ISO', 'PR', 'MR', 'DEPENDABOT', 'RENOVATE']);
