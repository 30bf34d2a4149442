import type { ReactNode } from "react";

/**
 * A titled part of an admin page, named by its heading for screen-reader navigation; `action`
 * (a link or button) sits beside the heading.
 */
export function AdminSection({
  id,
  title,
  action,
  children,
  className = "space-y-3",
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const heading = (
    <h2 id={`${id}-heading`} className="text-2xl font-bold">
      {title}
    </h2>
  );
  return (
    <section aria-labelledby={`${id}-heading`} className={className}>
      {action ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
