import { handlers } from "@/lib/auth/auth";

/** Auth.js endpoints: the magic link's callback, session and sign-out (see lib/auth/auth-config.ts). */
export const { GET, POST } = handlers;
