/** Branch selection (docs/decisions.md §2.5), pure. */

/** Which direct successors a succeeded branch task skips, or why its selection is invalid. */
export type BranchDecision = { ok: true; skip: string[] } | { ok: false; error: string };

/**
 * Checks the names a branch task selected against its direct successors.
 * No selection skips every successor; a name that is not a direct successor
 * is an error (`branch selected unknown step "x"; valid targets: [a b]`).
 */
export function decideBranches(selected: readonly string[], successors: readonly string[]): BranchDecision {
  const valid = new Set(successors);
  const unknown = selected.find((name) => !valid.has(name));
  if (unknown !== undefined) {
    return { ok: false, error: `branch selected unknown step "${unknown}"; valid targets: [${successors.join(' ')}]` };
  }
  const chosen = new Set(selected);
  return { ok: true, skip: successors.filter((name) => !chosen.has(name)) };
}

/** The skip reason of a successor a branch task did not select. */
export function notSelectedReason(branchStepName: string): string {
  return `not selected by branch task ${JSON.stringify(branchStepName)}`;
}
