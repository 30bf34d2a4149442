import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Ask for a new one.",
  AccessDenied: "This address does not have access to the admin.",
  Configuration: "Sign-in is not available right now. Try again later.",
};

interface SignInErrorPageProps {
  searchParams: Promise<{ error?: string | string[] }>;
}

/** Where Auth.js sends someone whose link did not work (pages.error). */
export default async function SignInErrorPage({ searchParams }: SignInErrorPageProps) {
  const { error } = await searchParams;
  const code = Array.isArray(error) ? error[0] : error;
  return (
    <div className="mx-auto max-w-md space-y-4 px-4 py-12">
      <h1 className="font-serif text-3xl font-bold">Could not sign you in</h1>
      <p>{(code && MESSAGES[code]) ?? "Something went wrong while signing you in. Ask for a new link."}</p>
      <p>
        <a href="/sign-in" className="font-semibold text-brand-700 underline">
          Ask for a new sign-in link
        </a>
      </p>
    </div>
  );
}
