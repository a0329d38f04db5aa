import { AddRouteConfig } from './add-route-config.decorator';

/**
 * Kinds of request that are kept apart: each gets so many turns at once
 * (see ConcurrencyGate), so that a flood of one cannot take the database
 * connections and the event loop from the others. Single POST /messages
 * needs no gate of its own: group commit bounds its transactions.
 */
export const WORKLOADS = ['batch', 'read'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

/** The workload a route belongs to; its requests wait for a turn before their body is read. */
export const Workload = (workload: WorkloadName) =>
  AddRouteConfig({ workload });
