/** Entry of the `dfs` CLI (bin/dfs.js loads this): run one command and exit with its status. */
import { main } from './run.js';

// Exit explicitly: a graphql-ws socket or keep-alive fetch agent must not keep the CLI alive.
process.exitCode = await main(process.argv.slice(2));
process.exit();
