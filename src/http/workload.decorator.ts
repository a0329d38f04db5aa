import type { WorkloadName } from '../config/workloads';
import { AddRouteConfig } from './add-route-config.decorator';

/** The workload a route belongs to; its requests wait for a turn before their body is read. */
export const Workload = (workload: WorkloadName) =>
  AddRouteConfig({ workload });
