import { newId } from "../ids";
import type { WirePlan, WirePrice, WireProduct } from "../wire";
import type { Interval } from "../time";

export interface ProductInput {
  created: number;
  name: string;
  description: string | null;
  metadata?: Record<string, string>;
  images?: string[];
}

/** A Product (fixtures3.json `product`); Checkout's `product_data` creates one of these. */
export function buildProduct(input: ProductInput): WireProduct {
  return {
    id: newId("product"),
    object: "product",
    active: true,
    created: input.created,
    default_price: null,
    description: input.description,
    images: input.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: input.metadata ?? {},
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: null,
    updated: input.created,
    url: null,
  };
}

export interface PriceInput {
  created: number;
  currency: string;
  unitAmount: number;
  product: string;
  recurring: { interval: Interval; intervalCount: number } | null;
  metadata?: Record<string, string>;
  nickname?: string | null;
  taxBehavior?: "exclusive" | "inclusive" | "unspecified";
}

/** A Price (fixtures3.json `price`); `price_data` creates one, one-time or recurring. */
export function buildPrice(input: PriceInput): WirePrice {
  return {
    id: newId("price"),
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    created: input.created,
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: input.metadata ?? {},
    nickname: input.nickname ?? null,
    product: input.product,
    recurring: input.recurring
      ? {
          interval: input.recurring.interval,
          interval_count: input.recurring.intervalCount,
          meter: null,
          trial_period_days: null,
          usage_type: "licensed",
        }
      : null,
    tax_behavior: input.taxBehavior ?? "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? "recurring" : "one_time",
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  };
}

/** The legacy Plan view of a recurring Price, still present on subscription items. */
export function planFromPrice(price: WirePrice): WirePlan {
  const recurring = price.recurring;
  if (!recurring) throw new Error(`price ${price.id} is not recurring`);
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: typeof price.product === "string" ? price.product : price.product.id,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: recurring.usage_type,
  };
}
