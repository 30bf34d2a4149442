import { describeError } from "@/lib/errors/describe-error";
import { parseEnv } from "@/lib/env";
import { sendLogsToStderr } from "@/lib/observability/logger";

// Every command that uses this module prints its result on stdout; log lines (the code it runs
// logs like the server) go to stderr.
sendLogsToStderr();

/** Validates the environment as the server does; says why and answers false when it is wrong. */
export function environmentIsValid(): boolean {
  try {
    parseEnv(process.env);
    return true;
  } catch (error) {
    console.error(describeError(error));
    return false;
  }
}

/** Runs a command and exits with its code; anything it throws is one line after `failure` and exit 1. */
export function runCommand(main: () => Promise<number>, failure: string): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${failure}: ${describeError(error)}`);
      process.exit(1);
    },
  );
}
