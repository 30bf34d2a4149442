import { signOutAction } from "./actions";

/** A plain form, so signing out works without JavaScript too. */
export function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction}>
      <button type="submit" className={className ?? "rounded border border-stone-500 px-4 py-2 font-semibold hover:bg-stone-100"}>
        Sign out
      </button>
    </form>
  );
}
