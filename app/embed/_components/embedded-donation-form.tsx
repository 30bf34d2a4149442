"use client";

import { useCallback } from "react";
import { DonationPanel, type DonationPanelCampaign } from "@/app/_components/donation-panel";
import { embedFields } from "@/lib/embed/embed-fields";
import { useEmbedHost, useEmbedKind } from "./use-embed-host";

/** The campaign page's donation panel, in a frame: checkout in a new tab, the gift attributed to the host page. */
export function EmbeddedDonationForm({ campaign }: { campaign: DonationPanelCampaign }) {
  const { host, post } = useEmbedHost();
  const kind = useEmbedKind("form");
  const onCheckoutOpened = useCallback(() => post({ type: "checkout-opened" }), [post]);
  return <DonationPanel campaign={campaign} embed={{ fields: embedFields(kind, host), onCheckoutOpened }} />;
}
