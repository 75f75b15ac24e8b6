/**
 * Rejects impossible page sizes before any resolver runs: `limit`/`offset` below 0 and `first`
 * below 1 (on the generated @neo4j/graphql fields they would otherwise reach Cypher as a LIMIT
 * error, or — `first: 0` with a cursor — make the library emit invalid Cypher; found by fuzzing).
 * The error is BAD_USER_INPUT naming the field and argument.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type ArgumentNode, type DocumentNode, type ValueNode } from 'graphql';
import { UserInputError } from '../errors.js';

const MIN: Readonly<Record<string, number>> = { limit: 0, offset: 0, first: 1 };

function valueOf(node: ValueNode, vars: Record<string, unknown>): unknown {
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return vars[node.name.value];
  return undefined;
}

export function checkPagination(doc: DocumentNode, vars: Record<string, unknown> = {}): void {
  let field = '';
  visit(doc, {
    Field: { enter: (f) => void (field = f.alias?.value ?? f.name.value) },
    Argument: (a: ArgumentNode) => {
      const min = MIN[a.name.value];
      if (min === undefined) return;
      const v = valueOf(a.value, vars);
      // http.status: an error thrown from a request hook is otherwise answered with HTTP 500.
      if (typeof v === 'number' && (!Number.isInteger(v) || v < min)) throw new UserInputError(`${field}.${a.name.value}: must be an integer >= ${min}`, `${field}.${a.name.value}`, { http: { status: 400 } });
    },
  });
}

export function paginationGuardPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          checkPagination(rc.document, (rc.request.variables ?? {}) as Record<string, unknown>);
        },
      };
    },
  };
}
