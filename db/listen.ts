import pg from "pg";

export interface ChannelListener {
  stop: () => Promise<void>;
  /** True while the connection is up and LISTENing (false while it reconnects). */
  isListening: () => boolean;
}

/**
 * LISTENs on a PostgreSQL channel over its own connection (a pooled one would be handed to other
 * queries) and calls `onMessage` with each payload. If the connection drops, it reconnects after
 * a second and calls `onReconnect`: messages sent meanwhile were lost, so the caller can catch up.
 * A lost connection is reported through `options.logError` (the app's logger; db/ imports nothing from lib/).
 */
export function listenToChannel(
  connectionString: string,
  channel: string,
  onMessage: (payload: string | undefined) => void,
  onReconnect: () => void = () => {},
  options: { applicationName?: string; logError?: (message: string) => void } = {},
): ChannelListener {
  let client: pg.Client | null = null;
  let listening = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (isReconnect: boolean): Promise<void> => {
    const current = new pg.Client({ connectionString, application_name: options.applicationName });
    client = current;
    const scheduleRetry = (reason: string) => {
      if (stopped || client !== current) return;
      client = null;
      listening = false;
      (options.logError ?? console.error)(`LISTEN ${channel} connection lost (${reason}); reconnecting in 1 s`);
      current.end().catch(() => {});
      retry = setTimeout(() => void connect(true), 1000);
    };
    current.on("error", (error) => scheduleRetry(error.message));
    current.on("end", () => scheduleRetry("closed"));
    current.on("notification", (message) => {
      if (message.channel === channel) onMessage(message.payload);
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      listening = client === current;
      if (isReconnect) onReconnect();
    } catch (error) {
      scheduleRetry(error instanceof Error ? error.message : String(error));
    }
  };
  void connect(false);

  return {
    isListening: () => listening,
    stop: async () => {
      stopped = true;
      listening = false;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
