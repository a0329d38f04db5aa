import { cpuShares, peakRssMb } from '../support/cpu';
import { truncate } from '../support/database';
import { fromAutocannon, loadOn } from '../support/load';
import { ceilingsOf, Scenario } from '../support/scenario';
import { startService, stop } from '../support/service-process';
import { aMessage } from '../support/settings';

/** POST /messages/batch of 500 messages at 16 connections. */
export const batchScenario: Scenario = {
  name: 'batch',
  async run(context) {
    await truncate(context.pool);
    const { child, base } = await startService(3998);
    const shares = cpuShares(child.pid!);
    const { result, cpuUs } = await loadOn(
      child.pid!,
      `${base}/messages/batch`,
      {
        connections: 16,
        makeBody: () => JSON.stringify(Array.from({ length: 500 }, aMessage)),
      },
      500,
    );
    const line = {
      ...fromAutocannon(
        'service: POST /messages/batch, 500 per request, 16 connections',
        result,
        500,
      ),
      rssMb: peakRssMb(child.pid!),
      cpuUs,
      ceilings: ceilingsOf(context, ['DB 64/tx']),
      note: shares.perUnit(result.requests.total * 500).note,
    };
    await stop(child);
    return [line];
  },
};
