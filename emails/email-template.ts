import type { ReactElement } from "react";
import type { z } from "zod";

/**
 * An email the outbox can send. Props are stored as JSON in the outbox and validated again
 * with `props` before rendering, so a queued email always renders with what it was queued with.
 */
export interface EmailTemplate<Props> {
  props: z.ZodType<Props>;
  subject: (props: Props) => string;
  component: (props: Props) => ReactElement;
}
