import { formatMoney } from "@/lib/money/money";
import type { Milestone } from "@/lib/campaigns/milestones";

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Half way and the goal on one line: reached (and when) or the amount that reaches it, each with
 * a mark like the one on the progress bar (filled when reached). A reached goal still takes gifts.
 */
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
      <ul aria-label="Milestones" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {milestones.map((milestone) => (
          <li key={milestone.percent} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`h-3.5 w-1 shrink-0 rounded-full ${milestone.reached ? "bg-green-700" : "border border-stone-500 bg-white"}`} />
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
