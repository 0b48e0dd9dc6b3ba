/** `npm run db:build`: compiles the embedded Neo4j launcher and fetches its jars (once). */
import { buildLauncher } from '../neo4j/local-neo4j';

await buildLauncher();
