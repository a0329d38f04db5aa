import type { Scenario } from '../support/scenario';
import { Line } from '../support/report';
import { fromAutocannon } from '../support/load';
import { loadForkedServer, TS_NODE } from '../support/service-process';

export async function nestFloor(): Promise<Line> {
  const { result, cpuUs } = await loadForkedServer(
    'nest-floor-server.ts',
    TS_NODE,
  );
  return {
    ...fromAutocannon(
      'framework floor: Nest on Fastify, one POST route, no work',
      result,
    ),
    // No RSS: ts-node compiles this server in its own process, which would count.
    cpuUs,
  };
}

export const nestFloorScenario: Scenario = {
  name: 'floor',
  async run(context) {
    const line = await nestFloor();
    context.ceilings['Nest floor'] = line;
    return [line];
  },
};
