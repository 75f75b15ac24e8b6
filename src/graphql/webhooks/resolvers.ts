/** Resolvers of schema/webhooks.graphql. */
import { randomBytes, randomUUID } from 'node:crypto';
import { ownerKeyOf } from '../../../engine/contract/index.js';
import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { NotFoundError, UserInputError } from '../../errors.js';
import { checkWebhookUrl } from '../../webhooks/url-policy.js';

export const MAX_WEBHOOKS_PER_USER = 10;

export const webhookResolvers: Resolvers = {
  Webhook: {
    deliveries: (w, { first }, ctx) => ctx.services.webhooks.repo.deliveries(w.id, Math.min(Math.max(first ?? 20, 1), 200)),
  },
  Query: {
    myWebhooks: (_p, _a, ctx) => ctx.services.webhooks.repo.listByOwner(ctx.viewer.id),
  },
  Mutation: {
    registerWebhook: async (_p, { url }, ctx) => {
      const checked = checkWebhookUrl(url, ctx.services.webhooks.policy);
      const existing = await ctx.services.webhooks.repo.listByOwner(ctx.viewer.id);
      if (existing.length >= MAX_WEBHOOKS_PER_USER) throw new UserInputError(`url: at most ${MAX_WEBHOOKS_PER_USER} webhooks per user`, 'url');
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const webhook = await ctx.services.webhooks.repo.create({ id: randomUUID(), ownerId: ctx.viewer.id, ownerKey: ownerKeyOf(ctx.viewer.id), url: checked.toString(), secret });
      return { webhook, secret };
    },
    deleteWebhook: async (_p, { id }, ctx) => {
      if (!(await ctx.services.webhooks.repo.delete(id, ctx.viewer.id))) throw new NotFoundError('Webhook', id);
      return true;
    },
  },
};
