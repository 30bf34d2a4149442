import { Text } from "react-email";
import { z } from "zod";
import { EmailLayout, emailText } from "./email-layout";
import type { EmailTemplate } from "./email-template";

/**
 * A donor's giving statement for one calendar year (UTC): every gift the organisation kept that
 * year, with totals per currency and the same tax wording as receipts. Fully refunded gifts and
 * gifts taken back by a lost dispute are left out (nothing was given); a partly refunded gift
 * shows what was kept and what was refunded. Amounts arrive formatted.
 */
export const givingStatementProps = z.object({
  organisationName: z.string(),
  taxStatement: z.string(),
  /** Legal name, registration number, address, contact: as receipts carry them. */
  organisationDetails: z.array(z.string()).nullish(),
  donorName: z.string().nullable(),
  year: z.number().int(),
  gifts: z.array(
    z.object({
      /** e.g. "March 3, 2025". */
      date: z.string(),
      campaignTitle: z.string(),
      /** What the organisation kept, e.g. "$40.50". */
      amount: z.string(),
      currency: z.string(),
      /** e.g. "$9.50 of $50.00 refunded", when part of the gift was refunded. */
      note: z.string().nullable(),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), amount: z.string() })),
});
export type GivingStatementProps = z.infer<typeof givingStatementProps>;

const cell = { fontSize: "14px", lineHeight: "20px", padding: "6px 4px", borderBottom: "1px solid #e7e5e4", verticalAlign: "top" } as const;
const headCell = { ...cell, fontWeight: 700, color: "#57534e" } as const;

function GivingStatementEmail(props: GivingStatementProps) {
  const greeting = props.donorName ? `Dear ${props.donorName},` : "Hello,";
  const count = props.gifts.length === 1 ? "your gift" : `your ${props.gifts.length} gifts`;
  return (
    <EmailLayout
      organisationName={props.organisationName}
      preview={`Your ${props.year} giving statement`}
      footer={
        <>
          <Text style={{ margin: 0 }}>{props.taxStatement}</Text>
          {props.organisationDetails?.length ? <Text style={{ margin: "8px 0 0" }}>{props.organisationDetails.join(" · ")}</Text> : null}
        </>
      }
    >
      <Text
        style={emailText}
      >{`${greeting} thank you for supporting ${props.organisationName} in ${props.year}. This statement lists ${count} that year (dates in UTC), for your records and your tax return.`}</Text>
      {/* One table, so the columns line up (react-email's Row is a table of its own). */}
      <table role="table" width="100%" cellPadding={0} cellSpacing={0} style={{ borderCollapse: "collapse" }}>
        <caption style={{ textAlign: "left", fontSize: "16px", fontWeight: 700, padding: "0 0 8px" }}>{`Gifts in ${props.year}`}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ ...headCell, textAlign: "left" }}>
              Date
            </th>
            <th scope="col" style={{ ...headCell, textAlign: "left" }}>
              Campaign
            </th>
            <th scope="col" style={{ ...headCell, textAlign: "right" }}>
              Amount
            </th>
            <th scope="col" style={{ ...headCell, textAlign: "left" }}>
              Currency
            </th>
          </tr>
        </thead>
        <tbody>
          {props.gifts.map((gift, index) => (
            <tr key={index}>
              <td style={cell}>{gift.date}</td>
              <td style={cell}>{gift.campaignTitle}</td>
              <td style={{ ...cell, textAlign: "right" }}>
                {gift.amount}
                {gift.note ? <span style={{ display: "block", fontSize: "12px", color: "#57534e" }}>{gift.note}</span> : null}
              </td>
              <td style={cell}>{gift.currency}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.totals.map((total) => (
        <Text
          key={total.currency}
          style={{ ...emailText, fontWeight: 700, marginTop: "16px" }}
        >{`Total given in ${props.year} in ${total.currency}: ${total.amount}`}</Text>
      ))}
      <Text style={emailText}>Gifts that were refunded in full are not listed; a partly refunded gift shows the amount you gave after the refund.</Text>
      <Text style={emailText}>Please keep this email with your records.</Text>
    </EmailLayout>
  );
}

export const givingStatementEmail: EmailTemplate<GivingStatementProps> = {
  props: givingStatementProps,
  subject: ({ year, organisationName }) => `Your ${year} giving statement from ${organisationName}`,
  component: (props) => <GivingStatementEmail {...props} />,
};
