import { SignOutButton } from "./sign-in/sign-out-button";

/** 403: signed in, but not as an admin (rendered by `forbidden()` in lib/auth/require-admin.ts). */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl space-y-4 px-4 py-16">
      <h1 className="font-serif text-3xl font-bold">You do not have access to this page</h1>
      <p>The address you are signed in with does not have admin access. Sign out and sign in with an admin address, or ask an admin to give yours access.</p>
      <div className="flex flex-wrap items-center gap-4">
        <SignOutButton />
        <a href="/" className="font-semibold text-brand-700 underline">
          Back to the home page
        </a>
      </div>
    </div>
  );
}
