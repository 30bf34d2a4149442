import type { OperationContext } from "../context";
import { previousAttributes } from "../diff";
import { buildCustomer, type CustomerInput } from "../objects/customer";
import { applyMetadata, type MetadataUpdate } from "../params";
import { cloneJson, type WireCustomer } from "../wire";

export function createCustomer(ctx: OperationContext, input: Omit<CustomerInput, "created">): WireCustomer {
  const customer = buildCustomer({ created: ctx.now, ...input });
  ctx.state.customers[customer.id] = customer;
  ctx.emit("customer.created", customer);
  return customer;
}

export interface CustomerChanges {
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  address?: WireCustomer["address"];
  shipping?: WireCustomer["shipping"];
  metadata?: MetadataUpdate;
}

export function updateCustomer(ctx: OperationContext, customer: WireCustomer, changes: CustomerChanges): WireCustomer {
  const before = cloneJson(customer);
  if (changes.email !== undefined) customer.email = changes.email;
  if (changes.name !== undefined) customer.name = changes.name;
  if (changes.description !== undefined) customer.description = changes.description;
  if (changes.phone !== undefined) customer.phone = changes.phone;
  if (changes.address !== undefined) customer.address = changes.address;
  if (changes.shipping !== undefined) customer.shipping = changes.shipping;
  customer.metadata = applyMetadata(customer.metadata, changes.metadata);
  const previous = previousAttributes(before, customer);
  // Stripe sends customer.updated only when something actually changed.
  if (Object.keys(previous).length > 0) ctx.emit("customer.updated", customer, previous);
  return customer;
}
