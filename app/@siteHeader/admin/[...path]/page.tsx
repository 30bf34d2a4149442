// Every admin page below /admin (Next refuses an optional catch-all beside app/admin/page.tsx).
export { default } from "../page";
