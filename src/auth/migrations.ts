/**
 * Neo4j schema for users and API keys, registered with the shared migration runner when this
 * module is first imported (once per process, so several APIs in one test process are fine).
 * Version 800 = issue 8, far from the foundation's 1, 2, ... so modules never collide.
 */
import { allMigrations, registerMigrations, type Migration } from '../neo4j/migrations.js';

export const AUTH_MIGRATIONS: readonly Migration[] = [
  {
    version: 800,
    name: 'users and api keys',
    statements: [
      'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE',
      'CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE',
      'CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE',
      'CREATE INDEX api_key_owner IF NOT EXISTS FOR (k:ApiKey) ON (k.ownerId, k.createdAt)',
    ],
  },
];

if (!allMigrations().some((m) => m.version === AUTH_MIGRATIONS[0]!.version)) registerMigrations(AUTH_MIGRATIONS);
