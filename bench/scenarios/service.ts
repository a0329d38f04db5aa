import { peakRssMb } from '../support/cpu';
import { truncate } from '../support/database';
import { fromAutocannon, loadOn } from '../support/load';
import { ceilingsOf, Scenario } from '../support/scenario';
import { startService, stop } from '../support/service-process';
import { aMessage } from '../support/settings';

/** POST /messages at 64 connections, then one request at a time. */
export const serviceScenario: Scenario = {
  name: 'service',
  async run(context) {
    await truncate(context.pool);
    const { child, base } = await startService(3998);
    const body = () => JSON.stringify(aMessage());
    const busy = await loadOn(child.pid!, `${base}/messages`, {
      makeBody: body,
    });
    // One request at a time: group commit must not delay a lone request.
    const lone = await loadOn(child.pid!, `${base}/messages`, {
      connections: 1,
      makeBody: body,
    });
    const rssMb = peakRssMb(child.pid!);
    await stop(child);
    return [
      {
        ...fromAutocannon('service: POST /messages', busy.result),
        rssMb,
        cpuUs: busy.cpuUs,
        ceilings: ceilingsOf(context, ['DB 1/tx', 'HTTP', 'Nest floor']),
      },
      {
        ...fromAutocannon(
          'service: POST /messages, 1 connection (each request alone)',
          lone.result,
        ),
        rssMb,
        cpuUs: lone.cpuUs,
      },
    ];
  },
};
