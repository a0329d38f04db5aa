/**
 * Kinds of request that are kept apart: each gets so many turns at once
 * (see ConcurrencyGate), so that a flood of one cannot take the database
 * connections and the event loop from the others. Single POST /messages
 * needs no gate of its own: group commit bounds its transactions.
 */
export const WORKLOADS = ['batch', 'read'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];
