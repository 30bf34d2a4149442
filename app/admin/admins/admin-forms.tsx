"use client";

import { useActionState, useEffect, useRef } from "react";
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from "@/lib/auth/admin-roles";
import { FormFeedback } from "../_components/form-feedback";
import { removeStaffAction, setStaffRoleAction, type RemoveStaffFormState, type StaffRoleFormState } from "./actions";

const EMPTY: StaffRoleFormState = { values: { email: "", role: "" }, errors: {}, attempt: 0 };

function RoleOptions() {
  return STAFF_ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}

/** Gives a new address a role. */
export function AddStaffForm() {
  const [state, formAction, pending] = useActionState(setStaffRoleAction, EMPTY);
  const error = state.errors.email ?? state.errors.role ?? state.errors.form;
  return (
    // Keyed by attempt: a refused address comes back as typed, an accepted one clears.
    <form key={state.attempt} action={formAction} className="space-y-3" noValidate>
      <div className="flex flex-wrap gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="staff-email" className="block font-semibold">
            Email address
          </label>
          <input
            id="staff-email"
            name="email"
            type="email"
            autoComplete="off"
            required
            defaultValue={state.values.email}
            aria-invalid={state.errors.email || state.errors.form ? true : undefined}
            aria-describedby="staff-feedback"
            className="mt-1 w-full rounded border border-stone-500 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="staff-role" className="block font-semibold">
            Role
          </label>
          <select
            id="staff-role"
            name="role"
            defaultValue={state.values.role || "viewer"}
            aria-describedby="staff-feedback"
            className="mt-1 rounded border border-stone-500 px-3 py-2"
          >
            <RoleOptions />
          </select>
        </div>
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
        Give access
      </button>
      <FormFeedback id="staff-feedback" error={error} message={state.message} />
    </form>
  );
}

/** Changes the role of someone on the list. */
export function ChangeRoleForm({ email, role }: { email: string; role: StaffRole }) {
  const [state, formAction, pending] = useActionState<StaffRoleFormState, FormData>(setStaffRoleAction, { values: { email, role }, errors: {}, attempt: 0 });
  const slug = email.replace(/[^a-z0-9]/gi, "-");
  return (
    <form key={state.attempt} action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="email" value={email} />
      <div>
        <label htmlFor={`role-${slug}`} className="block text-sm font-semibold">
          {`Role of ${email}`}
        </label>
        <select
          id={`role-${slug}`}
          name="role"
          defaultValue={state.values.role || role}
          aria-describedby={`role-feedback-${slug}`}
          className="mt-1 rounded border border-stone-500 px-2 py-1"
        >
          <RoleOptions />
        </select>
      </div>
      <button type="submit" disabled={pending} className="rounded border border-stone-500 px-3 py-1 text-sm font-semibold hover:bg-stone-100">
        {`Change role of ${email}`}
      </button>
      <FormFeedback id={`role-feedback-${slug}`} error={state.errors.role ?? state.errors.form} message={state.message} />
    </form>
  );
}

/**
 * "Remove access", in two steps: the first only asks and says what removing does; the second
 * removes. Works without JavaScript (each step is a form the server answers).
 */
export function RemoveStaffButton({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<RemoveStaffFormState, FormData>(removeStaffAction, { values: { email, step: "" }, errors: {}, attempt: 0 });
  const feedbackId = `remove-${email.replace(/[^a-z0-9]/gi, "-")}`;
  const headingRef = useRef<HTMLParagraphElement>(null);
  const confirming = state.values.step === "confirm";
  useEffect(() => {
    if (confirming) headingRef.current?.focus();
  }, [confirming, state.attempt]);
  if (confirming) {
    return (
      <div className="w-full space-y-3 rounded border-2 border-red-800 bg-red-50 p-3">
        <p ref={headingRef} tabIndex={-1} className="font-semibold">
          {`Remove admin access for ${email}?`}
        </p>
        <p className="text-sm">
          They are refused from their next admin page or action on, and can no longer sign in to the admin. You can add them again later.
        </p>
        <div className="flex flex-wrap gap-3">
          <form action={formAction}>
            <input type="hidden" name="email" value={email} />
            <input type="hidden" name="step" value="confirmed" />
            <button type="submit" disabled={pending} className="rounded bg-red-800 px-3 py-1 text-sm font-semibold text-white hover:bg-red-900">
              {`Yes, remove ${email}`}
            </button>
          </form>
          <form action={formAction}>
            <input type="hidden" name="email" value={email} />
            <input type="hidden" name="step" value="keep" />
            <button type="submit" disabled={pending} className="rounded border border-stone-500 px-3 py-1 text-sm font-semibold hover:bg-stone-100">
              {`Keep ${email}`}
            </button>
          </form>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="email" value={email} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby={feedbackId}
        className="rounded border border-red-800 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        {`Remove admin access for ${email}`}
      </button>
      <FormFeedback id={feedbackId} error={state.errors.email ?? state.errors.form} message={state.message} />
    </form>
  );
}
