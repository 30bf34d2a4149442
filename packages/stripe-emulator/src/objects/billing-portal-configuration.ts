import { newId } from "../ids";
import type { WirePortalConfiguration } from "../wire";

export type PortalCancelMode = "at_period_end" | "immediately";

/** Prices a customer may switch a subscription's item to, per product (Stripe's `subscription_update.products`). */
export interface PortalSwitchableProduct {
  product: string;
  prices: string[];
}

/**
 * A customer portal configuration (fixtures3.json `billing_portal.configuration`). As on Stripe,
 * the portal can cancel (`mode` says how) and, only when `subscription_update` is enabled, switch
 * a subscription between the prices listed for its product: it cannot set an arbitrary amount.
 */
export function buildPortalConfiguration(input: {
  created: number;
  isDefault: boolean;
  cancelMode: PortalCancelMode;
  /** Null: subscription updates are off (Stripe's default for a new configuration). */
  switchableProducts?: PortalSwitchableProduct[] | null;
  defaultReturnUrl: string | null;
  headline: string | null;
  name: string | null;
  metadata: Record<string, string>;
}): WirePortalConfiguration {
  return {
    id: newId("portalConfiguration"),
    object: "billing_portal.configuration",
    active: true,
    application: null,
    business_profile: { headline: input.headline, privacy_policy_url: null, terms_of_service_url: null },
    created: input.created,
    default_return_url: input.defaultReturnUrl,
    features: {
      customer_update: { allowed_updates: [], enabled: false },
      invoice_history: { enabled: true },
      payment_method_update: { enabled: false, payment_method_configuration: null },
      subscription_cancel: {
        cancellation_reason: { enabled: false, feedback_options: null, options: [] },
        enabled: true,
        mode: input.cancelMode,
        proration_behavior: "none",
      },
      subscription_pause: { duration: { interval_options: [], type: "indefinite" }, enabled: false },
      subscription_update: {
        billing_cycle_anchor: null,
        default_allowed_updates: input.switchableProducts ? ["price"] : [],
        enabled: Boolean(input.switchableProducts),
        products: input.switchableProducts
          ? input.switchableProducts.map((product) => ({
              adjustable_quantity: { enabled: false, maximum: 99, minimum: 0 },
              prices: product.prices,
              product: product.product,
            }))
          : null,
        proration_behavior: "none",
        schedule_at_period_end: { conditions: [] },
        trial_update_behavior: "end_trial",
      },
    },
    is_default: input.isDefault,
    livemode: false,
    login_page: { enabled: false, url: null },
    metadata: input.metadata,
    name: input.name,
    updated: input.created,
  };
}
