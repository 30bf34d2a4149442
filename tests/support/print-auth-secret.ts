// Prints the local auth secret of the data folder given as argument (a separate process, for tests).
import { localAuthSecret } from "../../lib/auth/auth-secret";

process.stdout.write(localAuthSecret(process.argv[2]!));
