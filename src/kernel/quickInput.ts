import * as vscode from 'vscode';

/** Returned by a step when the user pressed the Back button. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

/** Every quick pick / input box the extension shows, announced to tests. */
export type ShownInput =
  | { kind: 'quickPick'; step: string; input: vscode.QuickPick<vscode.QuickPickItem> }
  | { kind: 'inputBox'; step: string; input: vscode.InputBox };

interface StepInfo {
  /** A stable id tests use to recognise the step, e.g. "signIn.orgKind". */
  id: string;
  title: string;
  step?: number;
  totalSteps?: number;
}

export interface PickOptions<T extends vscode.QuickPickItem> extends StepInfo {
  placeholder?: string;
  items?: readonly T[];
  /** Loads the initial items while the pick shows `busy`. */
  load?: (signal: AbortSignal) => Promise<readonly T[]>;
  /**
   * Live search: called (debounced) as the user types; the previous call's
   * signal is aborted so only the latest answer is shown.
   */
  search?: (value: string, signal: AbortSignal) => Promise<readonly T[]>;
  debounceMs?: number;
  canSelectMany?: boolean;
  /** Accept what the user typed when no item matches it (e.g. an issue key). */
  acceptValue?: (value: string) => T | undefined;
  /** An item that is what the user typed under another label (a moved issue found by its old key): no typed item then. */
  standsFor?: (item: T, value: string) => boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  value?: string;
  /** Called on a load/search failure; the message becomes a disabled item. */
  describeError?: (e: unknown) => string;
}

interface InputOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Returns a message when the value is not acceptable; nothing is accepted until it is. */
  validate?: (value: string) => string | undefined;
  ignoreFocusOut?: boolean;
}

/**
 * The one place that creates quick inputs. Steps get a Back button when they
 * are not the first; Escape resolves `undefined` so callers send nothing.
 * Tests observe every shown input through `onDidShow` (exposed only in test
 * mode by the composition root) and answer it through the real workbench.
 */
export class QuickInputs implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<ShownInput>();
  readonly onDidShow = this.shown.event;

  dispose(): void {
    this.shown.dispose();
  }

  pick<T extends vscode.QuickPickItem>(o: PickOptions<T> & { canSelectMany: true }): Promise<T[] | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(o: PickOptions<T>): Promise<T | T[] | Back | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = o.title;
    qp.step = o.step;
    qp.totalSteps = o.totalSteps;
    qp.placeholder = o.placeholder;
    qp.canSelectMany = !!o.canSelectMany;
    qp.matchOnDescription = o.matchOnDescription ?? true;
    qp.matchOnDetail = o.matchOnDetail ?? false;
    qp.ignoreFocusOut = true;
    qp.buttons = (o.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : [];
    if (o.value) qp.value = o.value;
    let baseItems: readonly T[] = o.items ?? [];
    let searchItems: readonly T[] = [];
    qp.items = baseItems;
    const disposables: vscode.Disposable[] = [];
    let searchCtl: AbortController | undefined;
    let loadCtl: AbortController | undefined;
    let timer: NodeJS.Timeout | undefined;
    let pending = 0;
    const setBusy = (delta: number) => {
      pending += delta;
      qp.busy = pending > 0;
    };
    const errorItem = (e: unknown): T =>
      ({ label: `$(error) ${o.describeError ? o.describeError(e) : String(e)}`, alwaysShow: true, __error: true }) as unknown as T;

    // A multi-select pick remembers what was ticked (by label) across searches:
    // a new search replaces the items, and the workbench forgets ticks on items
    // it no longer has. Ticked items stay listed first, shown whatever the filter.
    const ticked = new Map<string, T>();
    // Items typed as a value (e.g. a key) come first so Enter takes them at once.
    const typedItem = (): T[] => {
      const v = qp.value.trim();
      const t = v && o.acceptValue ? o.acceptValue(v) : undefined;
      if (!t) return [];
      const all = [...baseItems, ...searchItems];
      if (all.some((i) => i.label === t.label || o.standsFor?.(i, v)) || ticked.has(t.label)) return [];
      return [{ ...t, alwaysShow: true }];
    };
    let rendering = false;
    const render = () => {
      const fresh = [...searchItems, ...baseItems.filter((b) => !searchItems.some((s) => s.label === b.label))];
      let merged: T[];
      if (qp.canSelectMany) {
        const keep = (i: T): T => (ticked.has(i.label) ? ({ ...i, picked: true, alwaysShow: true } as T) : i);
        const earlier = [...ticked.values()].filter((t) => !fresh.some((f) => f.label === t.label)).map(keep);
        merged = [...typedItem(), ...earlier, ...fresh.filter((f) => ticked.has(f.label)).map(keep), ...fresh.filter((f) => !ticked.has(f.label))];
      } else {
        merged = [...typedItem(), ...fresh];
      }
      rendering = true;
      qp.items = merged;
      if (ticked.size) qp.selectedItems = merged.filter((m) => ticked.has(m.label));
      rendering = false;
    };

    if (o.load) {
      loadCtl = new AbortController();
      setBusy(1);
      o.load(loadCtl.signal).then(
        (items) => {
          baseItems = items;
          render();
        },
        (e) => {
          if (!loadCtl?.signal.aborted) {
            baseItems = [errorItem(e)];
            render();
          }
        },
      ).finally(() => setBusy(-1));
    }

    return new Promise<T | T[] | Back | undefined>((resolve) => {
      let done = false;
      const finish = (v: T | T[] | Back | undefined) => {
        if (done) return;
        done = true;
        resolve(v);
        searchCtl?.abort();
        loadCtl?.abort();
        if (timer) clearTimeout(timer);
        qp.hide();
      };
      disposables.push(
        qp.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(BACK);
        }),
        qp.onDidChangeSelection((selection) => {
          if (!qp.canSelectMany || rendering) return;
          // The selection covers the items the pick has now: tick or untick those, keep the others.
          for (const i of qp.items) {
            if (isErrorItem(i)) continue;
            if (selection.some((s) => s.label === i.label)) ticked.set(i.label, i);
            else ticked.delete(i.label);
          }
        }),
        qp.onDidChangeValue((value) => {
          if (o.acceptValue) render();
          if (!o.search) return;
          if (timer) clearTimeout(timer);
          searchCtl?.abort();
          if (!value.trim()) {
            searchItems = [];
            render();
            return;
          }
          timer = setTimeout(() => {
            const ctl = (searchCtl = new AbortController());
            setBusy(1);
            o.search!(value, ctl.signal).then(
              (items) => {
                if (ctl.signal.aborted) return;
                searchItems = items;
                render();
              },
              (e) => {
                if (ctl.signal.aborted) return;
                searchItems = [errorItem(e)];
                render();
              },
            ).finally(() => setBusy(-1));
          }, o.debounceMs ?? 250);
        }),
        qp.onDidAccept(() => {
          if (qp.canSelectMany) {
            // Ticked now or in an earlier search, in list order.
            const now = new Set(qp.selectedItems.map((i) => i.label));
            let chosen = qp.items.filter((i) => !isErrorItem(i) && (now.has(i.label) || ticked.has(i.label)));
            if (!chosen.length) chosen = qp.activeItems.filter((i) => !isErrorItem(i));
            if (!chosen.length) {
              const typed = typedItem();
              if (typed.length) chosen = typed;
            }
            if (chosen.length) finish([...chosen]);
            return;
          }
          const active = qp.activeItems[0];
          if (active && !isErrorItem(active)) {
            finish(active);
            return;
          }
          const typed = typedItem();
          if (typed.length) finish(typed[0]);
        }),
        qp.onDidHide(() => finish(undefined)),
      );
      qp.show();
      this.shown.fire({ kind: 'quickPick', step: o.id, input: qp as unknown as vscode.QuickPick<vscode.QuickPickItem> });
    }).finally(() => {
      disposables.forEach((d) => d.dispose());
      qp.dispose();
    });
  }

  input(o: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = o.title;
    box.step = o.step;
    box.totalSteps = o.totalSteps;
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.value = o.value ?? '';
    box.password = !!o.password;
    box.ignoreFocusOut = o.ignoreFocusOut ?? true;
    box.buttons = (o.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : [];
    const disposables: vscode.Disposable[] = [];
    const check = (v: string) => {
      const msg = o.validate?.(v);
      box.validationMessage = msg ? { message: msg, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
      return !msg;
    };
    return new Promise<string | Back | undefined>((resolve) => {
      let done = false;
      const finish = (v: string | Back | undefined) => {
        if (done) return;
        done = true;
        resolve(v);
        box.hide();
      };
      disposables.push(
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) finish(BACK);
        }),
        box.onDidChangeValue((v) => {
          check(v);
        }),
        box.onDidAccept(() => {
          if (check(box.value)) finish(box.value);
        }),
        box.onDidHide(() => finish(undefined)),
      );
      box.show();
      this.shown.fire({ kind: 'inputBox', step: o.id, input: box });
    }).finally(() => {
      disposables.forEach((d) => d.dispose());
      box.dispose();
    });
  }
}

function isErrorItem(i: vscode.QuickPickItem): boolean {
  return !!(i as { __error?: boolean }).__error;
}

/**
 * Runs steps in order with Back support: a step returns the next step, or
 * BACK to return to the previous one, or undefined when the user cancelled.
 */
export type Step<S> = (state: S) => Promise<Step<S> | Back | undefined | 'done'>;

export async function runSteps<S>(first: Step<S>, state: S): Promise<boolean> {
  const stack: Step<S>[] = [first];
  while (stack.length) {
    const current = stack[stack.length - 1];
    const next = await current(state);
    if (next === 'done') return true;
    if (next === undefined) return false;
    if (next === BACK) {
      stack.pop();
      continue;
    }
    stack.push(next);
  }
  return false;
}
