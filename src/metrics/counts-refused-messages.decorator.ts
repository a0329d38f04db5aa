import { AddRouteConfig } from '../http/add-route-config.decorator';

/**
 * A route that takes messages to count: a request it refuses before the
 * service reads its messages (400, 413, 415) counts as an invalid message
 * in message_stats_messages_total.
 */
export const CountsRefusedMessages = () =>
  AddRouteConfig({ countsRefusedMessages: true });
