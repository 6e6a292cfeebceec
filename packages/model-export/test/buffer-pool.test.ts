import { BufferPool } from '../src/buffer-pool.js';

it('hands out its fixed buffers, makes the next caller wait for a release, and reuses what comes back', async () => {
  const pool = new BufferPool(1024, 2);
  const a = await pool.acquire();
  const b = await pool.acquire();
  expect(a.length).toBe(1024);
  expect(a).not.toBe(b);
  let third: Buffer | undefined;
  const waiting = pool.acquire().then((buffer) => (third = buffer));
  await Promise.resolve();
  expect(third).toBeUndefined();
  pool.release(a);
  await waiting;
  expect(third).toBe(a);
  pool.release(b);
  expect(await pool.acquire()).toBe(b);
});
