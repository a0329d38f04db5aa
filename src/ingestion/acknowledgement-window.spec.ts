import { AcknowledgementWindow } from './acknowledgement-window';

describe('AcknowledgementWindow', () => {
  it('acknowledges a written group up to its last delivery', () => {
    const window = new AcknowledgementWindow<number>();
    const group = [1, 2, 3];
    window.add(group);

    expect(window.held).toBe(3);
    expect(window.finish(group)).toBe(3);
    expect(window.held).toBe(0);
  });

  it('holds a group written before an older one until the older one is written', () => {
    const window = new AcknowledgementWindow<number>();
    const older = [1, 2];
    const newer = [3, 4, 5];
    window.add(older);
    window.add(newer);

    expect(window.finish(newer)).toBeUndefined();
    expect(window.held).toBe(5);
    expect(window.finish(older)).toBe(5);
    expect(window.held).toBe(0);
  });

  it('acknowledges only up to the oldest group still being written', () => {
    const window = new AcknowledgementWindow<number>();
    const [a, b, c] = [[1], [2, 3], [4]];
    for (const group of [a, b, c]) window.add(group);

    expect(window.finish(a)).toBe(1);
    expect(window.finish(c)).toBeUndefined();
    expect(window.held).toBe(3);
    expect(window.finish(b)).toBe(4);
  });
});
