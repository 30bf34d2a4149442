import { formatMoney } from "@/lib/money/money";
import type { Milestone } from "@/lib/campaigns/milestones";

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** Half way and the goal, one line each: reached (and when) or the amount that reaches it. A reached goal still takes gifts. */
export function CampaignMilestones({ milestones, currency, acceptingGifts }: { milestones: Milestone[]; currency: string; acceptingGifts: boolean }) {
  if (milestones.length === 0) return null;
  const goalReached = milestones.some((milestone) => milestone.percent === 100 && milestone.reached);
  return (
    <div className="space-y-2">
      {goalReached ? (
        <p className="rounded-md bg-green-50 p-3 text-sm font-semibold text-green-900" data-testid="goal-reached">
          Goal reached, thank you!{acceptingGifts ? " Gifts are still welcome: all of them go to this work." : null}
        </p>
      ) : null}
      <ul aria-label="Milestones" className="space-y-1 text-sm">
        {milestones.map((milestone) => (
          <li key={milestone.percent} className="flex items-baseline gap-2">
            <span aria-hidden="true" className={milestone.reached ? "text-green-800" : "text-stone-500"}>
              {milestone.reached ? "✓" : "○"}
            </span>
            <span>
              <span className="font-semibold">{milestone.percent === 100 ? "Goal" : `${milestone.percent}%`}</span>{" "}
              {milestone.reached ? (
                <>
                  reached
                  {milestone.reachedOn ? (
                    <>
                      {" on "}
                      <time dateTime={milestone.reachedOn}>{dayFormat.format(new Date(`${milestone.reachedOn}T00:00:00Z`))}</time>
                    </>
                  ) : null}
                </>
              ) : (
                <span className="text-muted">at {formatMoney(milestone.amount, currency)}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
