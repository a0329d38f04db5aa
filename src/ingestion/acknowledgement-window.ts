/**
 * The groups of one channel's deliveries that were handed to the database
 * and not yet acknowledged, oldest first. A group's deliveries are
 * consecutive, so once the oldest groups are all written, the last
 * delivery of the last of them acknowledges exactly them with one frame
 * (`multiple`). A group written before an older one waits for it.
 */
export class AcknowledgementWindow<Delivery> {
  private readonly open: Delivery[][] = [];
  private readonly written = new Set<Delivery[]>();

  /** A group handed to the database, after every group added before it. */
  add(group: Delivery[]): void {
    this.open.push(group);
  }

  /**
   * The group is written: answers the delivery to acknowledge with
   * `multiple`, or undefined while an older group is still being written.
   */
  finish(group: Delivery[]): Delivery | undefined {
    this.written.add(group);
    let last: Delivery | undefined;
    while (this.open.length > 0 && this.written.has(this.open[0])) {
      const oldest = this.open.shift()!;
      this.written.delete(oldest);
      last = oldest[oldest.length - 1];
    }
    return last;
  }

  /** Deliveries in groups not yet acknowledged. */
  get held(): number {
    return this.open.reduce((n, group) => n + group.length, 0);
  }
}
