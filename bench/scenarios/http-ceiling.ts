import type { Scenario } from '../support/scenario';
import { Line } from '../support/report';
import { fromAutocannon } from '../support/load';
import { loadForkedServer } from '../support/service-process';

// --- 1. the HTTP ceiling ------------------------------------------------------
export async function httpCeiling(): Promise<Line> {
  const { result, cpuUs, rssMb } = await loadForkedServer(
    'bare-http-server.js',
  );
  return {
    ...fromAutocannon('HTTP ceiling: bare node:http, JSON parse, 201', result),
    rssMb,
    cpuUs,
  };
}

export const httpCeilingScenario: Scenario = {
  name: 'http',
  async run(context) {
    const line = await httpCeiling();
    context.ceilings.HTTP = line;
    return [line];
  },
};
