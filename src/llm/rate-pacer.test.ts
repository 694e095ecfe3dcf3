import { describe, expect, it } from 'vitest';
import { createFakeClock } from './openai-test-kit';
import { createRatePacer } from './rate-pacer';

describe('createRatePacer', () => {
  it('spaces starts 60 s / rpm apart in fake time (60 RPM → 1 s)', async () => {
    const clock = createFakeClock(10_000);
    const pacer = createRatePacer({ rpm: 60 }, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const release = await pacer.acquire();
        starts.push(clock.now());
        release();
      }),
    );
    expect(starts).toEqual([10_000, 11_000, 12_000, 13_000, 14_000]);
  });

  it('does not delay a call that comes after the interval has passed', async () => {
    const clock = createFakeClock();
    const pacer = createRatePacer({ rpm: 30 }, clock);
    (await pacer.acquire())();
    await clock.sleep(5000);
    (await pacer.acquire())();
    expect(clock.now()).toBe(5000);
    (await pacer.acquire())();
    expect(clock.now()).toBe(7000);
  });

  it('keeps at most maxConcurrent calls in flight and hands slots over in order', async () => {
    const clock = createFakeClock();
    const pacer = createRatePacer({ rpm: 600, maxConcurrent: 2 }, clock);
    expect(pacer.maxConcurrent).toBe(2);
    const order: string[] = [];
    let peak = 0;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (name) => {
        const release = await pacer.acquire();
        peak = Math.max(peak, pacer.inFlight());
        order.push(`start ${name}`);
        await clock.sleep(1000);
        order.push(`end ${name}`);
        release();
        release(); // a second release is ignored
      }),
    );
    expect(peak).toBe(2);
    expect(pacer.inFlight()).toBe(0);
    expect(order).toEqual(['start a', 'start b', 'end a', 'start c', 'end b', 'start d', 'end c', 'end d']);
  });

  it('defaults concurrency to the rpm budget', () => {
    expect(createRatePacer({ rpm: 20 }, createFakeClock()).maxConcurrent).toBe(20);
    expect(createRatePacer({ rpm: 5, maxConcurrent: 50 }, createFakeClock()).maxConcurrent).toBe(5);
    expect(() => createRatePacer({ rpm: 0 }, createFakeClock())).toThrow(/positive/);
  });

  it('pauses every caller until the shared time, and slowDown halves the pace', async () => {
    const clock = createFakeClock();
    const pacer = createRatePacer({ rpm: 60 }, clock);
    (await pacer.acquire())();
    pacer.pauseUntil(20_000);
    pacer.pauseUntil(5_000); // never shortens
    expect(pacer.pausedUntil()).toBe(20_000);
    const starts: number[] = [];
    await Promise.all(
      [0, 1].map(async () => {
        (await pacer.acquire())();
        starts.push(clock.now());
      }),
    );
    expect(starts).toEqual([20_000, 21_000]);
    pacer.slowDown();
    expect(pacer.rpm).toBe(30);
    (await pacer.acquire())();
    expect(clock.now()).toBe(21_000 + 1000); // the reserved start after 21 s still used the old interval
    (await pacer.acquire())();
    expect(clock.now()).toBe(24_000);
  });

  it('rejects a waiting acquire when its signal aborts, without leaking the slot', async () => {
    const clock = createFakeClock();
    const pacer = createRatePacer({ rpm: 60, maxConcurrent: 1 }, clock);
    const held = await pacer.acquire();
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    held();
    expect(pacer.inFlight()).toBe(0);
    const paused = new AbortController();
    pacer.pauseUntil(600_000);
    const sleeping = pacer.acquire(paused.signal);
    paused.abort(new Error('cancel'));
    await expect(sleeping).rejects.toThrow('cancel');
    expect(pacer.inFlight()).toBe(0);
  });
});
