import type Stripe from "stripe";
import { mustFind } from "../lookup";
import { acceptDispute, EVIDENCE_TEXT_FIELDS, updateDisputeEvidence, type EvidenceText } from "../operations/disputes";
import { applyMetadata, metadataParam, optionalBoolean, optionalObject, paramsOf, optionalString } from "../params";
import { createdFilter, paginate } from "../pagination";
import { idOf } from "../wire";
import { EXPAND, PAGINATION, expanded, newestFirst, type Route } from "./route";

export const disputeRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/disputes/:id",
    params: paramsOf<Stripe.DisputeRetrieveParams>()({ ...EXPAND }),
    handle(request) {
      return expanded(request, mustFind(request.state, "disputes", request.pathParams.id as string));
    },
  },
  {
    method: "GET",
    pattern: "/v1/disputes",
    params: paramsOf<Stripe.DisputeListParams>()({ ...EXPAND, ...PAGINATION, charge: "scalar", payment_intent: "scalar", created: "range" }),
    handle(request) {
      const { params } = request;
      const charge = optionalString(params, "charge");
      const paymentIntent = optionalString(params, "payment_intent");
      const inRange = createdFilter(params);
      const disputes = newestFirst(request.state.disputes).filter(
        (dispute) =>
          (!charge || idOf(dispute.charge) === charge) && (!paymentIntent || idOf(dispute.payment_intent) === paymentIntent) && inRange(dispute.created),
      );
      return expanded(request, paginate(disputes, params, "/v1/disputes", "dispute"));
    },
  },
  {
    method: "POST",
    pattern: "/v1/disputes/:id",
    params: paramsOf<Stripe.DisputeUpdateParams>()({
      ...EXPAND,
      metadata: "map",
      submit: "scalar",
      evidence: Object.fromEntries(EVIDENCE_TEXT_FIELDS.map((field) => [field, "scalar"])) as Record<(typeof EVIDENCE_TEXT_FIELDS)[number], "scalar">,
    }),
    handle(request) {
      const { params } = request;
      const dispute = mustFind(request.state, "disputes", request.pathParams.id as string);
      const evidenceParams = optionalObject(params, "evidence");
      let evidence: EvidenceText | undefined;
      if (evidenceParams) {
        evidence = {};
        for (const field of EVIDENCE_TEXT_FIELDS) {
          const value = optionalString(evidenceParams, field, `evidence[${field}]`, 20_000);
          if (value !== undefined) evidence[field] = value ?? undefined;
        }
      }
      const metadataUpdate = metadataParam(params);
      updateDisputeEvidence(request.context(), dispute, {
        evidence,
        metadata: metadataUpdate ? applyMetadata(dispute.metadata, metadataUpdate) : undefined,
        submit: optionalBoolean(params, "submit"),
      });
      return expanded(request, dispute);
    },
  },
  {
    method: "POST",
    pattern: "/v1/disputes/:id/close",
    params: paramsOf<Stripe.DisputeCloseParams>()({ ...EXPAND }),
    handle(request) {
      const dispute = mustFind(request.state, "disputes", request.pathParams.id as string);
      const charge = mustFind(request.state, "charges", idOf(dispute.charge)!);
      acceptDispute(request.context(), dispute, charge);
      return expanded(request, dispute);
    },
  },
];
