"use client";

/** Opens the browser's print dialog (print or save as PDF). Not printed itself. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-full bg-brand-700 px-6 py-3 font-bold text-white hover:bg-brand-800 print:hidden">
      {label}
    </button>
  );
}
