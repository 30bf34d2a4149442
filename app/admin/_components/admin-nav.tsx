"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/gifts", label: "Gifts" },
  { href: "/admin/donors", label: "Donors" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/campaigns", label: "Campaigns" },
  { href: "/admin/updates", label: "Updates" },
  { href: "/admin/statements", label: "Statements" },
  { href: "/admin/subscribers", label: "Subscribers" },
  { href: "/admin/admins", label: "Admins" },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin">
      <ul className="flex flex-wrap gap-1 text-sm font-semibold">
        {LINKS.map((link) => {
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
