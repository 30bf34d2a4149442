/**
 * The audit log (lib/audit) and staff roles (lib/auth/admin-users.ts), through the admin's own
 * server actions and export routes, signed in as an owner, on a real database: each kind of change
 * leaves exactly one row, in the transaction that made it; a refused or failed action leaves none
 * (and a failure after the change takes the change back with it); no row carries a donor's data;
 * rows cannot be changed or deleted; and the last owner stays an owner even when two owners
 * demote each other at once.
 */
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, campaigns, users } from "@/db/schema";
import { insertCampaign, insertDonor, insertGift } from "../support/gift-rows";
import { describeEachDatabase } from "../support/test-database";

const current = vi.hoisted(() => ({
  db: null as null | import("@/db/database").Database,
  driver: "pglite" as "pglite" | "postgres",
  session: null as null | { user: { id: string; email: string; role: string | null } },
}));

class RedirectSignal extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}

vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(async () => current.session), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/db/client", () => ({
  getDb: async () => current.db!,
  getDatabaseDriver: async () => current.driver,
  getOpenedDatabasePool: async () => null,
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), unstable_cache: (work: unknown) => work }));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  redirect: (url: string) => {
    throw new RedirectSignal(url);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
}));

vi.stubEnv("ADMIN_EMAILS", "");
vi.stubEnv("AUTH_SECRET", "a".repeat(44));
vi.stubEnv("RESEND_API_KEY", "");

const campaignActions = await import("@/app/admin/campaigns/actions");
const questionActions = await import("@/app/admin/campaigns/[id]/questions/actions");
const matchActions = await import("@/app/admin/campaigns/[id]/matching/actions");
const embedActions = await import("@/app/admin/campaigns/[id]/embed/actions");
const imageActions = await import("@/app/admin/images/actions");
const updateActions = await import("@/app/admin/updates/actions");
const offlineActions = await import("@/app/admin/gifts/offline/actions");
const staffActions = await import("@/app/admin/admins/actions");
const statementActions = await import("@/app/admin/statements/actions");
const giftsExport = await import("@/app/admin/exports/gifts/route");
const { setStaffRole } = await import("@/lib/auth/admin-users");
const { audited, recordAuditEvent } = await import("@/lib/audit/record-audit-event");
const { listAuditEvents } = await import("@/lib/audit/list-audit-events");

type FormAction = (previous: unknown, form: FormData) => Promise<unknown>;

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Calls an action as the browser does; a redirect (the action's success answer) is returned as its URL. */
async function call(
  action: unknown,
  fields: Record<string, string | Blob>,
): Promise<{ redirect?: string; state?: { errors: Record<string, string>; message?: string } }> {
  try {
    return { state: (await (action as FormAction)(undefined, form(fields))) as { errors: Record<string, string>; message?: string } };
  } catch (error) {
    if (error instanceof RedirectSignal) return { redirect: error.url };
    throw error;
  }
}

const DONOR_EMAIL = "grace.private@example.org";
const DONOR_NAME = "Grace Privatename";
const DEDICATION = "Auntie Secretname";
const REFERENCE = "Cheque 99871";

describeEachDatabase("audit log", (db, driver) => {
  let ownerId: string;
  let campaignId: string;

  async function rows(kind?: string) {
    const all = await db().select().from(auditEvents).orderBy(auditEvents.id);
    return kind ? all.filter((row) => row.kind === kind) : all;
  }

  /** Runs `work` and returns the audit rows it added. */
  async function added(work: () => Promise<unknown>) {
    const before = (await rows()).length;
    await work();
    return (await rows()).slice(before);
  }

  beforeAll(async () => {
    current.db = db();
    current.driver = driver;
    const [owner] = await db().insert(users).values({ email: "owner@example.org", role: "owner" }).returning({ id: users.id });
    ownerId = owner!.id;
    current.session = { user: { id: ownerId, email: "owner@example.org", role: "owner" } };
    campaignId = await insertCampaign(db(), { slug: "audited-campaign", title: "Audited campaign" });
  });

  const campaignForm = (overrides: Record<string, string> = {}) => ({
    title: "Radios for reporters",
    slug: "radios-for-reporters",
    summary: "Radios.",
    bodyMarkdown: "Body.",
    currency: "USD",
    goal: "5000",
    presetAmounts: "25, 50",
    presetImpacts: "",
    defaultFrequency: "once",
    frequencies: "once",
    status: "active",
    ...overrides,
  });

  describe("each kind of change leaves exactly one row; a refusal leaves none", () => {
    let createdId: string;

    it("campaigns: created, edited (only what changed), old address removed; a taken address writes nothing", async () => {
      const created = await added(() => call(campaignActions.saveCampaignAction, campaignForm()));
      expect(created.map((row) => row.kind)).toEqual(["campaign.created"]);
      createdId = created[0]!.objectId!;
      expect(created[0]).toMatchObject({
        actorType: "staff",
        actorUserId: ownerId,
        actorEmail: "owner@example.org",
        objectType: "campaign",
        objectLabel: "Radios for reporters",
      });

      const edited = await added(() =>
        call(campaignActions.saveCampaignAction, campaignForm({ id: createdId, title: "Radios for all", slug: "radios-for-all" })),
      );
      expect(edited.map((row) => row.kind)).toEqual(["campaign.updated"]);
      expect(edited[0]!.changes).toEqual({
        before: { title: "Radios for reporters", slug: "radios-for-reporters" },
        after: { title: "Radios for all", slug: "radios-for-all" },
      });

      expect(await added(() => call(campaignActions.saveCampaignAction, campaignForm({ slug: "radios-for-all" })))).toEqual([]);

      const unredirected = await added(() => call(campaignActions.removeSlugRedirectAction, { campaignId: createdId, slug: "radios-for-reporters" }));
      expect(unredirected.map((row) => row.kind)).toEqual(["campaign.redirect-removed"]);
      expect(await added(() => call(campaignActions.removeSlugRedirectAction, { campaignId: createdId, slug: "radios-for-reporters" }))).toEqual([]);
    });

    it("campaign questions, images and cover", async () => {
      const questions = await added(() =>
        call(questionActions.saveCampaignQuestionsAction, {
          campaignId,
          q1_label: "How did you hear of us?",
          q1_kind: "text",
          q1_options: "",
          askPostalAddress: "on",
        }),
      );
      expect(questions.map((row) => row.kind)).toEqual(["campaign.questions-saved"]);
      expect(questions[0]!.changes.after).toMatchObject({ questionLabels: ["How did you hear of us? (text)"], askPostal: true });

      const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#884422" } })
        .png()
        .toBuffer();
      const upload = await added(() =>
        call(imageActions.uploadImageAction, {
          owner: "campaign",
          ownerId: campaignId,
          altText: "A radio",
          useAsCover: "on",
          file: new File([new Uint8Array(png)], "radio.png", { type: "image/png" }),
        }),
      );
      expect(upload.map((row) => row.kind)).toEqual(["image.uploaded"]);
      expect(upload[0]!.changes.after).toMatchObject({ ownerType: "campaign", cover: true });
      const [{ coverImageId }] = (await db().select({ coverImageId: campaigns.coverImageId }).from(campaigns).where(eq(campaigns.id, campaignId))) as [
        { coverImageId: string | null },
      ];
      expect(coverImageId).toBe(upload[0]!.objectId);
      // A file that is not an image is refused before anything is written.
      expect(
        await added(() =>
          call(imageActions.uploadImageAction, { owner: "campaign", ownerId: campaignId, altText: "Not a picture", file: new File(["not an image"], "x.png") }),
        ),
      ).toEqual([]);

      const cover = await added(() => call(imageActions.setCampaignCoverAction, { campaignId, imageId: "" }));
      expect(cover.map((row) => row.kind)).toEqual(["campaign.cover-set"]);
      expect(cover[0]!.changes).toEqual({ before: { coverImageId }, after: { coverImageId: null } });
    });

    it("updates: written, published, a draft deleted; a published one cannot be", async () => {
      const written = await added(() => call(updateActions.saveUpdateAction, { title: "News", bodyMarkdown: "Hello.", campaignId }));
      expect(written.map((row) => row.kind)).toEqual(["update.created"]);
      const updateId = written[0]!.objectId!;
      const published = await added(() => call(updateActions.publishUpdateAction, { id: updateId, audience: "campaign", confirm: "yes" }));
      expect(published.map((row) => row.kind)).toEqual(["update.published"]);
      expect(published[0]!.changes).toMatchObject({ before: { status: "draft" }, after: { status: "published", audience: "campaign" } });
      expect(await added(() => call(updateActions.deleteDraftUpdateAction, { id: updateId }))).toEqual([]);

      const draft = await added(() => call(updateActions.saveUpdateAction, { title: "Draft", bodyMarkdown: "Soon.", campaignId: "" }));
      const deleted = await added(() => call(updateActions.deleteDraftUpdateAction, { id: draft[0]!.objectId! }));
      expect(deleted.map((row) => row.kind)).toEqual(["update.deleted"]);
    });

    it("matching offers and the sites allowed to embed", async () => {
      const match = await added(() =>
        call(matchActions.addCampaignMatchAction, {
          campaignId,
          sponsorName: "Kind Foundation",
          ratio: "1",
          cap: "1000",
          startsAt: "2025-01-01T00:00",
          endsAt: "2099-01-01T00:00",
        }),
      );
      expect(match.map((row) => row.kind)).toEqual(["match.added"]);
      expect(await added(() => call(matchActions.endCampaignMatchAction, { matchId: match[0]!.objectId! }))).toHaveLength(1);
      expect(await added(() => call(matchActions.endCampaignMatchAction, { matchId: "00000000-0000-4000-8000-000000000009" }))).toEqual([]);

      const origins = await added(() =>
        call(embedActions.saveEmbedOriginsAction, { campaignId, scope: "installation", origins: "https://friends.example.org" }),
      );
      expect(origins.map((row) => row.kind)).toEqual(["settings.embed-origins"]);
      expect(origins[0]!.changes).toEqual({ before: { origins: [] }, after: { origins: ["https://friends.example.org"] } });
      expect(await added(() => call(embedActions.saveEmbedOriginsAction, { campaignId, scope: "installation", origins: "not a site" }))).toEqual([]);
    });

    it("gifts received offline: recorded once (the same form twice records one), corrected, voided", async () => {
      const gift = {
        method: "cheque",
        amount: "250.00",
        currency: "USD",
        receivedOn: "2025-02-01",
        campaignId,
        reference: REFERENCE,
        donorName: DONOR_NAME,
        donorEmail: DONOR_EMAIL,
        dedicationKind: "in_memory",
        dedicationName: DEDICATION,
        entryKey: "00000000-0000-4000-8000-00000000aa01",
      };
      const recorded = await added(() => call(offlineActions.recordOfflineGiftAction, gift));
      expect(recorded.map((row) => row.kind)).toEqual(["offline-gift.recorded"]);
      expect(recorded[0]!.changes.after).toMatchObject({ amount: 25_000, currency: "USD", method: "cheque" });
      expect(await added(() => call(offlineActions.recordOfflineGiftAction, gift))).toEqual([]);
      const giftId = recorded[0]!.objectId!;

      const corrected = await added(() =>
        call(offlineActions.correctOfflineGiftAction, { ...gift, amount: "300.00", giftId, correctionKey: "00000000-0000-4000-8000-00000000aa02" }),
      );
      expect(corrected.map((row) => row.kind)).toEqual(["offline-gift.corrected"]);
      expect(corrected[0]!.changes).toEqual({ before: { amount: 25_000 }, after: { amount: 30_000 } });
      const voided = await added(() => call(offlineActions.voidOfflineGiftAction, { giftId, reason: `Bounced, ${DONOR_NAME} says` }));
      expect(voided.map((row) => row.kind)).toEqual(["offline-gift.voided"]);
      expect(await added(() => call(offlineActions.voidOfflineGiftAction, { giftId, reason: "Again" }))).toEqual([]);
    });

    it("giving statements sent, and a CSV of gifts downloaded", async () => {
      const donorId = await insertDonor(db(), "statement-donor@example.org", "Statement Donor");
      await insertGift(db(), { donorId, campaignId, amount: 2_000, currency: "USD", paidAt: new Date("2025-05-01T10:00:00Z") });
      const sent = await added(() => call(statementActions.sendGivingStatementsAction, { year: "2025" }));
      expect(sent.map((row) => row.kind)).toEqual(["statements.sent"]);
      expect(sent[0]!.changes.after).toMatchObject({ queued: 1 });
      // Sending again queues nothing new: nothing changed, no row.
      expect(await added(() => call(statementActions.sendGivingStatementsAction, { year: "2025" }))).toEqual([]);

      const exported = await added(async () => {
        const response = await giftsExport.GET(new Request(`http://localhost/admin/exports/gifts?q=${encodeURIComponent(DONOR_EMAIL)}&from=2025-01-01`));
        expect(response.status).toBe(200);
        await response.text();
      });
      expect(exported.map((row) => row.kind)).toEqual(["export.gifts"]);
      expect(exported[0]!.changes.after).toMatchObject({ searched: true, from: "2025-01-01" });
    });

    it("staff roles: given, changed, removed; one's own role and an unknown role write nothing", async () => {
      const given = await added(() => call(staffActions.setStaffRoleAction, { email: "Helper@Example.org", role: "editor" }));
      expect(given.map((row) => row.kind)).toEqual(["staff.role-set"]);
      expect(given[0]).toMatchObject({
        objectType: "staff",
        objectLabel: "helper@example.org",
        changes: { before: { role: null }, after: { role: "editor" } },
      });
      expect((await added(() => call(staffActions.setStaffRoleAction, { email: "helper@example.org", role: "finance" })))[0]!.changes).toEqual({
        before: { role: "editor" },
        after: { role: "finance" },
      });
      expect(await added(() => call(staffActions.setStaffRoleAction, { email: "helper@example.org", role: "finance" }))).toEqual([]);
      expect(await added(() => call(staffActions.setStaffRoleAction, { email: "owner@example.org", role: "viewer" }))).toEqual([]);
      expect(await added(() => call(staffActions.setStaffRoleAction, { email: "x@example.org", role: "superuser" }))).toEqual([]);
      const removed = await added(() => call(staffActions.removeStaffAction, { email: "helper@example.org", step: "confirmed" }));
      expect(removed.map((row) => row.kind)).toEqual(["staff.removed"]);
    });

    it("a role without the permission is refused before anything is written", async () => {
      current.session = { user: { id: "viewer-id", email: "viewer@example.org", role: "viewer" } };
      try {
        const before = (await rows()).length;
        await expect(call(campaignActions.saveCampaignAction, campaignForm({ slug: "viewer-campaign" }))).rejects.toThrow("forbidden");
        expect(await rows()).toHaveLength(before);
        expect(await db().select().from(campaigns).where(eq(campaigns.slug, "viewer-campaign"))).toEqual([]);
      } finally {
        current.session = { user: { id: ownerId, email: "owner@example.org", role: "owner" } };
      }
    });
  });

  it("keeps no donor's personal data in any row", async () => {
    const text = JSON.stringify(await rows()).toLowerCase();
    for (const secret of [DONOR_EMAIL, DONOR_NAME, DEDICATION, REFERENCE, "statement-donor@example.org", "Kind Foundation"])
      expect(text).not.toContain(secret.toLowerCase());
  });

  it("takes the change back when writing its row fails, and leaves no row for work that failed", async () => {
    const before = (await rows()).length;
    const actor = { type: "staff" as const, userId: ownerId, email: "owner@example.org" };
    await expect(
      audited(
        db(),
        actor,
        (tx) => tx.update(campaigns).set({ title: "Renamed in vain" }).where(eq(campaigns.id, campaignId)),
        () => ({ kind: "no.such-kind" as never, object: { type: "campaign", id: campaignId } }),
      ),
    ).rejects.toThrow("unknown audit kind");
    await expect(
      audited(
        db(),
        actor,
        async (tx) => {
          await tx.update(campaigns).set({ title: "Renamed in vain" }).where(eq(campaigns.id, campaignId));
          throw new Error("the work failed");
        },
        () => ({ kind: "campaign.updated", object: { type: "campaign", id: campaignId } }),
      ),
    ).rejects.toThrow("the work failed");
    const [campaign] = await db().select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, campaignId));
    expect(campaign?.title).toBe("Audited campaign");
    expect(await rows()).toHaveLength(before);
  });

  it("refuses to change or delete a row", async () => {
    const [row] = await rows();
    await expect(db().update(auditEvents).set({ kind: "staff.sign-in" }).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
    await expect(db().delete(auditEvents).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
    await expect(db().execute(sql`truncate audit_events`)).rejects.toThrow();
    expect((await rows())[0]).toEqual(row);
  });

  it("lists newest first, filtered, by cursor, without skipping or repeating", async () => {
    const all = (await rows()).reverse();
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(db(), {}, cursor, 4);
      seen.push(...page.events.map((event) => event.id));
      cursor = page.nextCursor ? Number(page.nextCursor) : null;
    } while (cursor !== null);
    expect(seen).toEqual(all.map((row) => row.id));
    const staff = await listAuditEvents(db(), { objectType: "staff" });
    expect(staff.events.map((event) => event.kind)).toEqual(["staff.removed", "staff.role-set", "staff.role-set"]);
    const byKind = await listAuditEvents(db(), { kind: "campaign.created", actorEmail: "owner@example.org" });
    expect(byKind.events).toHaveLength(1);
    const future = await listAuditEvents(db(), { from: new Date("2100-01-01") });
    expect(future.events).toEqual([]);
  });

  it("keeps the last owner: two owners demoting each other at once leave one owner, round after round", async () => {
    const ownerRows = async () => (await db().select({ email: users.email }).from(users).where(eq(users.role, "owner"))).map((row) => row.email).sort();
    await setStaffRole(db(), { id: ownerId, email: "owner@example.org" }, "second@example.org", "owner");
    expect(await ownerRows()).toEqual(["owner@example.org", "second@example.org"]);
    const [second] = await db().select({ id: users.id }).from(users).where(eq(users.email, "second@example.org"));
    for (let round = 0; round < 12; round += 1) {
      // Both owners again (straight in the table: this is the race's starting line, not a change under test).
      await db()
        .update(users)
        .set({ role: "owner" })
        .where(sql`${users.email} in ('owner@example.org', 'second@example.org')`);
      const before = (await rows()).length;
      const results = await Promise.all([
        setStaffRole(db(), { id: ownerId, email: "owner@example.org" }, "second@example.org", "viewer"),
        setStaffRole(db(), { id: second!.id, email: "second@example.org" }, "owner@example.org", "viewer"),
      ]);
      expect(results.sort(), `round ${round}`).toEqual(["last-owner", "set"]);
      expect(await ownerRows(), `round ${round}`).toHaveLength(1);
      expect((await rows()).length, `round ${round}`).toBe(before + 1);
    }
    // The one left cannot be removed either.
    const [last] = await ownerRows();
    expect(await setStaffRole(db(), { id: "someone", email: "someone-else@example.org" }, last!, null)).toBe("last-owner");
  });

  it("writes a row for a donor's own action with no address at all", async () => {
    await recordAuditEvent(db(), { type: "donor" }, { kind: "donor.data-downloaded", object: { type: "donor", id: "d-1", label: DONOR_EMAIL } });
    const [row] = await rows("donor.data-downloaded");
    expect(row).toMatchObject({ actorType: "donor", actorEmail: null, actorUserId: null, objectLabel: null });
  });
});
