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
  /**
   * Props that must not outlive delivery (e.g. a link that still works): the outbox replaces
   * them with a placeholder once the email is sent, so the database keeps no usable copy.
   */
  redactAfterSend?: readonly (keyof Props & string)[];
}
