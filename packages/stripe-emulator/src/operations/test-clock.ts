import type { OperationContext } from "../context";
import type { EmulatorState } from "../state";
import { idOf } from "../wire";
import { settleBankDebits } from "./bank-debits";
import { advanceBilling } from "./subscriptions";

/**
 * A test clock moving from `from` to `target`: renewals and bank-debit settlements happen in time
 * order, each at its own moment, so a monthly gift's debit that fails four days after its
 * renewal makes the subscription past due before the next renewal comes, and a debit started by a
 * renewal settles within the same advance when its day has come. With `customer`, only that
 * customer's subscriptions and debits move.
 */
export function advanceTestClock(
  state: EmulatorState,
  from: number,
  target: number,
  contextAt: (now: number) => OperationContext,
  customer: string | null,
): void {
  let at = from;
  for (let step = 0; step < 10_000; step += 1) {
    const next = nextMoment(state, at, customer);
    at = next !== null && next < target ? next : target;
    settleBankDebits(state, at, contextAt, customer);
    advanceBilling(state, at, contextAt, customer);
    if (at === target && nextMoment(state, -1, customer, target) === null) return;
  }
}

/** The earliest settlement or billing moment after `after` (at most `until`, when given), or null. */
function nextMoment(state: EmulatorState, after: number, customer: string | null, until?: number): number | null {
  const moments: number[] = [];
  for (const debit of Object.values(state.bankDebits)) {
    if (customer !== null && state.paymentIntents[debit.paymentIntent]?.customer !== customer) continue;
    moments.push(debit.settlesAt);
  }
  if (until === undefined) {
    for (const subscription of Object.values(state.subscriptions)) {
      if (customer !== null && idOf(subscription.customer) !== customer) continue;
      if (subscription.status === "canceled" || subscription.status === "incomplete_expired" || subscription.status === "past_due") continue;
      for (const item of subscription.items.data) moments.push(item.current_period_end);
    }
  }
  const due = moments.filter((moment) => moment > after && (until === undefined || moment <= until));
  return due.length === 0 ? null : Math.min(...due);
}
