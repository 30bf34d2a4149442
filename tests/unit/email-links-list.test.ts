import { describe, expect, it } from "vitest";
import { linksInEmail } from "@/lib/email/email-links";
import { renderEmail } from "@/lib/email/render-email";

describe("the dev mailbox's list of an email's links", () => {
  it("lists each link once, with its words, decoded", () => {
    const html = `<p><a href="https://give.example.org/donate/manage?token=a&amp;b=1" style="x"><span>Manage</span> <b>your giving</b></a>
      <a href='mailto:hello@example.org'>hello@example.org</a> <a href="https://give.example.org/donate/manage?token=a&amp;b=1"><span>Manage</span> <b>your giving</b></a>
      <a href="javascript:alert(1)">evil</a> <a href="/relative">relative</a> <a name="x">no href</a></p>`;
    expect(linksInEmail(html)).toEqual([
      { href: "https://give.example.org/donate/manage?token=a&b=1", text: "Manage your giving" },
      { href: "mailto:hello@example.org", text: "hello@example.org" },
    ]);
  });

  it("finds the button and the written-out link of a real email", async () => {
    const { html } = await renderEmail("donor-manage-link", {
      organisationName: "Lantern",
      donorName: null,
      url: "https://give.example.org/donate/manage?link=abc",
      expiresIn: "1 hour",
    });
    expect(linksInEmail(html).map((link) => link.href)).toContain("https://give.example.org/donate/manage?link=abc");
  });
});
