"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The links the signed-in role may use (adminNavFor in lib/auth/admin-permissions.ts, chosen by the layout). */
export function AdminNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin">
      <ul className="flex flex-wrap gap-1 text-sm font-semibold">
        {links.map((link) => {
          const current = link.href === "/admin" ? pathname === "/admin" : pathname.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded px-3 py-2 ${current ? "bg-brand-700 text-white" : "text-ink hover:bg-stone-200"}`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
