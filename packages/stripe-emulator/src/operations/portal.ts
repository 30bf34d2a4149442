import type { OperationContext } from "../context";
import { invalidRequest } from "../errors";
import { mustFind } from "../lookup";
import { buildPortalConfiguration, type PortalCancelMode, type PortalSwitchableProduct } from "../objects/billing-portal-configuration";
import { buildPortalSession } from "../objects/billing-portal-session";
import type { EmulatorState } from "../state";
import type { WirePortalConfiguration, WirePortalSession } from "../wire";

/** Stripe's answer when an account has never saved its portal settings (test mode). */
export const NO_PORTAL_SETTINGS =
  "You can’t create a portal session in test mode until you save your customer portal settings in test mode at https://dashboard.stripe.com/test/settings/billing/portal.";

export function defaultPortalConfiguration(state: EmulatorState): WirePortalConfiguration | undefined {
  return Object.values(state.portalConfigurations).find((configuration) => configuration.is_default);
}

/**
 * `POST /v1/billing_portal/sessions`: a link to the customer's hosted portal page, under the
 * given configuration or else the account's default one (which must have been saved).
 */
export function createPortalSession(
  ctx: OperationContext,
  input: { customer: string; returnUrl: string | null; locale: WirePortalSession["locale"]; configuration: string | null },
): WirePortalSession {
  mustFind(ctx.state, "customers", input.customer, "customer");
  const configuration = input.configuration
    ? mustFind(ctx.state, "portalConfigurations", input.configuration, "configuration")
    : defaultPortalConfiguration(ctx.state);
  if (!configuration) throw invalidRequest(NO_PORTAL_SETTINGS);
  if (!configuration.active) {
    throw invalidRequest(`The configuration ${configuration.id} is inactive; activate it or pass another one.`, "configuration");
  }
  const returnUrl = input.returnUrl ?? configuration.default_return_url;
  const session = buildPortalSession({ created: ctx.now, origin: ctx.origin, ...input, returnUrl, configuration: configuration.id });
  ctx.state.portalSessions[session.id] = session;
  return session;
}

export interface PortalSettings {
  cancelMode?: PortalCancelMode;
  /** `features.subscription_update.products`: prices the portal may switch a subscription to. Off when absent. */
  switchableProducts?: PortalSwitchableProduct[] | null;
  defaultReturnUrl?: string | null;
  headline?: string | null;
  name?: string | null;
  metadata?: Record<string, string>;
}

/** `POST /v1/billing_portal/configurations`: a configuration sessions can name (never the default). */
export function createPortalConfiguration(ctx: OperationContext, settings: PortalSettings): WirePortalConfiguration {
  const configuration = buildPortalConfiguration({
    created: ctx.now,
    isDefault: false,
    cancelMode: settings.cancelMode ?? "at_period_end",
    switchableProducts: settings.switchableProducts ? checkSwitchableProducts(ctx.state, settings.switchableProducts) : null,
    defaultReturnUrl: settings.defaultReturnUrl ?? null,
    headline: settings.headline ?? null,
    name: settings.name ?? null,
    metadata: settings.metadata ?? {},
  });
  ctx.state.portalConfigurations[configuration.id] = configuration;
  return configuration;
}

/**
 * Stripe's rules for `features[subscription_update][products]`: at most 10 products, each with
 * recurring prices of that product that exist.
 */
function checkSwitchableProducts(state: EmulatorState, products: PortalSwitchableProduct[]): PortalSwitchableProduct[] {
  const path = "features[subscription_update][products]";
  if (products.length === 0) throw invalidRequest("You must specify at least one product when subscription updates are enabled.", path);
  if (products.length > 10) throw invalidRequest("You can specify at most 10 products.", path);
  products.forEach((entry, index) => {
    mustFind(state, "products", entry.product, `${path}[${index}][product]`);
    if (entry.prices.length === 0) throw invalidRequest("You must specify at least one price for each product.", `${path}[${index}][prices]`);
    for (const priceId of entry.prices) {
      const price = mustFind(state, "prices", priceId, `${path}[${index}][prices]`);
      if (String(typeof price.product === "string" ? price.product : price.product.id) !== entry.product) {
        throw invalidRequest(`The price ${priceId} does not belong to the product ${entry.product}.`, `${path}[${index}][prices]`);
      }
      if (!price.recurring) throw invalidRequest(`The price ${priceId} is not a recurring price.`, `${path}[${index}][prices]`);
    }
  });
  return products;
}

/**
 * What pressing "Save" on the dashboard's portal settings does: creates the account's default
 * configuration, or updates it. Stripe has no API for this, so it is a test helper (and
 * `StripeEmulator.savePortalSettings`).
 */
export function savePortalSettings(state: EmulatorState, now: number, settings: PortalSettings): WirePortalConfiguration {
  const existing = defaultPortalConfiguration(state);
  if (existing) {
    if (settings.cancelMode) existing.features.subscription_cancel.mode = settings.cancelMode;
    if (settings.defaultReturnUrl !== undefined) existing.default_return_url = settings.defaultReturnUrl;
    if (settings.headline !== undefined) existing.business_profile.headline = settings.headline;
    existing.updated = now;
    return existing;
  }
  const configuration = buildPortalConfiguration({
    created: now,
    isDefault: true,
    cancelMode: settings.cancelMode ?? "at_period_end",
    defaultReturnUrl: settings.defaultReturnUrl ?? null,
    headline: settings.headline ?? null,
    name: null,
    metadata: {},
  });
  state.portalConfigurations[configuration.id] = configuration;
  return configuration;
}
