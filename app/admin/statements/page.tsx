import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/require-admin";
import { statementYears } from "@/lib/donations/giving-statement";
import { AdminSection } from "../_components/admin-section";
import { DataTable, cell, numericCell, row } from "../_components/data-table";
import { SendStatementsForm } from "./statements-form";

export const metadata: Metadata = { title: "Giving statements" };

export default async function StatementsPage() {
  await requireAdmin("/admin/statements");
  const now = new Date();
  const years = await statementYears(await getDb(), now);
  const currentYear = now.getUTCFullYear();
  const choices = years.length > 0 ? years.map((y) => y.year) : [currentYear];
  // Statements are usually sent in January for the year just ended.
  const defaultYear = choices.includes(currentYear - 1) ? currentYear - 1 : choices[0]!;

  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="font-serif text-3xl font-bold">Giving statements</h1>
      <p>
        A giving statement is one email per donor listing every gift they made in a calendar year (UTC): date, campaign, amount and currency, with a total per
        currency and the organisation&rsquo;s tax statement, as on receipts. Gifts refunded in full or lost to a dispute are left out; a partly refunded gift
        shows what was kept. Each donor is sent one statement per year: sending again only reaches donors who have not had theirs (for example, gifts recorded
        late). Statements leave through the email queue, after receipts, and keep going if the server restarts.
      </p>

      <AdminSection id="send" title="Send statements">
        <SendStatementsForm years={choices} defaultYear={defaultYear} />
      </AdminSection>

      <AdminSection id="years" title="Statements by year">
        {years.length === 0 ? (
          <p>No gifts yet.</p>
        ) : (
          <DataTable
            caption="Giving statements by year"
            columns={[{ label: "Year" }, { label: "Sent", numeric: true }, { label: "Waiting to send", numeric: true }, { label: "Failed", numeric: true }]}
          >
            {years.map((year) => (
              <tr key={year.year} className={row}>
                <th scope="row" className={cell}>
                  {year.year}
                </th>
                <td className={numericCell}>{year.sent.toLocaleString("en-US")}</td>
                <td className={numericCell}>{year.waiting.toLocaleString("en-US")}</td>
                <td className={numericCell}>{year.failed.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </AdminSection>
    </div>
  );
}
