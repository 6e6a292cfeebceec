import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { findDockerEngine, startRegistry, type StartedRegistry } from '../src/registry/index.js';
import { pushTestImage } from '../src/registry/testing.js';

const basic = (password: string, user = 'AWS'): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('registry process and its Basic-auth front', () => {
  let reg: StartedRegistry;

  beforeAll(async () => {
    reg = await startRegistry();
  });

  afterAll(async () => {
    await reg?.stop();
  });

  test('the front asks for Basic auth as ECR does and lets user AWS with the password in', async () => {
    expect(reg.frontUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(reg.frontHost).toBe(reg.frontUrl.slice('http://'.length));
    const anonymous = await fetch(`${reg.frontUrl}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"$/);
    expect(((await anonymous.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('UNAUTHORIZED');

    const wrong = await fetch(`${reg.frontUrl}/v2/`, { headers: basic('not-the-password') });
    await wrong.arrayBuffer();
    expect(wrong.status).toBe(401);
    const wrongUser = await fetch(`${reg.frontUrl}/v2/`, { headers: basic(reg.password, 'admin') });
    await wrongUser.arrayBuffer();
    expect(wrongUser.status).toBe(401);

    const ok = await fetch(`${reg.frontUrl}/v2/`, { headers: basic(reg.password) });
    await ok.arrayBuffer();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  test('uploads stream through the front with Location rewritten to the front', async () => {
    const start = await fetch(`${reg.frontUrl}/v2/big/blob/blobs/uploads/`, { method: 'POST', headers: basic(reg.password) });
    await start.arrayBuffer();
    expect(start.status).toBe(202);
    const location = start.headers.get('location')!;
    expect(location.startsWith(`${reg.frontUrl}/v2/big/blob/blobs/uploads/`)).toBe(true);

    const blob = Buffer.alloc(6 * 1024 * 1024, 7);
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    const put = await fetch(url, {
      method: 'PUT',
      headers: { ...basic(reg.password), 'content-type': 'application/octet-stream' },
      body: blob,
    });
    await put.arrayBuffer();
    expect(put.status).toBe(201);
    expect(put.headers.get('location')!.startsWith(reg.frontUrl)).toBe(true);

    const back = await fetch(`${reg.frontUrl}/v2/big/blob/blobs/${digest}`, { headers: basic(reg.password) });
    const bytes = Buffer.from(await back.arrayBuffer());
    expect(back.status).toBe(200);
    expect(bytes.equals(blob)).toBe(true);
  });

  test('a pushed image lands in the real registry; a front policy can refuse repositories and see pushes', async () => {
    const pushes: string[] = [];
    reg.attach({
      checkRepository: (name) => (name === 'forbidden' ? { status: 404, code: 'NAME_UNKNOWN', message: 'no such repository' } : undefined),
      afterManifestPut: (name, ref, digest) => void pushes.push(`${name}:${ref}@${digest}`),
    });
    try {
      const image = await pushTestImage(reg.frontUrl, 'team/app', 'v1', 'layer one', reg.password);
      expect(pushes).toEqual([`team/app:v1@${image.digest}`]);
      const tags = await fetch(`${reg.backendUrl}/v2/team/app/tags/list`);
      expect(await tags.json()).toEqual({ name: 'team/app', tags: ['v1'] });

      const refused = await fetch(`${reg.frontUrl}/v2/forbidden/tags/list`, { headers: basic(reg.password) });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('NAME_UNKNOWN');
    } finally {
      reg.attach(undefined);
    }
  });

  test('stop ends the registry by PID and removes its storage', async () => {
    const other = await startRegistry({ password: 'fixed-password' });
    expect(other.password).toBe('fixed-password');
    expect(existsSync(other.storageDir.replace(/\/storage$/, ''))).toBe(true);
    await other.stop();
    expect(() => process.kill(other.pid, 0)).toThrow();
    expect(existsSync(other.storageDir.replace(/\/storage$/, ''))).toBe(false);
    await expect(fetch(`${other.backendUrl}/v2/`)).rejects.toThrow();
  });
});

describe('docker engine helper', () => {
  test('explains, without throwing, when no engine can be had', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    try {
      const none = await findDockerEngine({ noReuse: true, dockerd: '/nonexistent/dockerd' });
      expect(none.available).toBe(false);
      if (!none.available) expect(none.reason).toMatch(/dockerd is not installed at \/nonexistent\/dockerd/);
      const noClient = await findDockerEngine({ dockerCli: '/nonexistent/docker' });
      expect(noClient.available).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
