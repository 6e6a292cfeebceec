import { BuildOutput } from '../src/build-output.js';
import { buildCommand, detectBuilder, type BuildPlan } from '../src/docker-args.js';
import { imageLabels } from '../src/oci-labels.js';
import { atOrAbove } from '../src/scan-gate.js';
import { decideTags } from '../src/tag-reuse.js';

const plan = (over: Partial<BuildPlan> = {}): BuildPlan => ({
  builder: { kind: 'classic' },
  context: '/ctx',
  dockerfile: '/ctx/Dockerfile',
  refs: ['r.example/app:v1', 'r.example/app:latest'],
  buildArgs: { MODEL: 'm1' },
  labels: { 'a.b': 'c' },
  target: undefined,
  platform: 'linux/amd64',
  cache: { kind: 'previous-image', ref: 'r.example/app@sha256:aa' },
  push: true,
  attestations: false,
  ...over,
});

describe('the docker command line', () => {
  test('classic: DOCKER_BUILDKIT=0, --cache-from the previous image, no push in the build', () => {
    expect(buildCommand(plan())).toEqual({
      args: [
        'build',
        '--file',
        '/ctx/Dockerfile',
        '--tag',
        'r.example/app:v1',
        '--tag',
        'r.example/app:latest',
        '--build-arg',
        'MODEL=m1',
        '--label',
        'a.b=c',
        '--platform',
        'linux/amd64',
        '--cache-from',
        'r.example/app@sha256:aa',
        '/ctx',
      ],
      env: { DOCKER_BUILDKIT: '0' },
    });
  });

  test('buildx with a container driver: Docker media types, no attestations, registry cache with image-manifest and ignore-error', () => {
    const { args } = buildCommand(
      plan({ builder: { kind: 'buildx', driver: 'docker-container' }, cache: { kind: 'registry', ref: 'r.example/app-cache:buildcache' } }),
    );
    expect(args.slice(0, 4)).toEqual(['buildx', 'build', '--progress', 'plain']);
    expect(args).toEqual(
      expect.arrayContaining(['--provenance', 'false', '--sbom', 'false', '--output', 'type=image,push=true,oci-mediatypes=false']),
    );
    expect(args).toEqual(expect.arrayContaining(['--cache-from', 'type=registry,ref=r.example/app-cache:buildcache']));
    expect(args).toContain(
      'type=registry,ref=r.example/app-cache:buildcache,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true',
    );
    expect(args.at(-1)).toBe('/ctx');
  });

  test('buildx attestations only when asked and pushing; --load when not pushing; inline cache with the docker driver', () => {
    expect(buildCommand(plan({ builder: { kind: 'buildx', driver: 'docker-container' }, attestations: true })).args).toEqual(
      expect.arrayContaining(['--provenance', 'mode=max', '--sbom', 'true', '--output', 'type=image,push=true,oci-mediatypes=true']),
    );
    const local = buildCommand(plan({ builder: { kind: 'buildx', driver: 'docker' }, push: false, attestations: true })).args;
    expect(local).toEqual(expect.arrayContaining(['--load', '--provenance', 'false', '--cache-to', 'type=inline']));
    expect(local).not.toContain('--output');
  });

  test('builder detection from the buildx answers', () => {
    expect(detectBuilder(1, undefined)).toEqual({ kind: 'classic' });
    expect(detectBuilder(0, 'Name:   builder-1\nDriver: docker-container\n')).toEqual({ kind: 'buildx', driver: 'docker-container' });
    expect(detectBuilder(0, '')).toEqual({ kind: 'buildx', driver: 'docker' });
  });
});

describe('reading build output', () => {
  test('classic: steps, cache hits, the failing step, label steps not counted', () => {
    const out = new BuildOutput(1);
    for (const l of [
      'Step 1/4 : FROM scratch',
      ' ---> ',
      'Step 2/4 : COPY a /a',
      ' ---> Using cache',
      'Step 3/4 : RUN ["/x"]',
      ' ---> Running in 1',
      'Step 4/4 : LABEL a=b',
      ' ---> Using cache',
    ])
      out.feed(l);
    expect(out.stats()).toMatchObject({ steps: 2, cached: 1, failedStep: 'Step 4: LABEL a=b' });
  });

  test('buildx plain progress: vertices, CACHED, ERROR, a failed cache export; docker push layers', () => {
    const out = new BuildOutput();
    for (const l of [
      '#4 [1/3] FROM docker.io/library/python:3.12-slim',
      '#4 CACHED',
      '#5 [2/3] COPY requirements.txt /',
      '#5 CACHED',
      '#6 [3/3] RUN pip install -r /requirements.txt',
      '#6 ERROR: process "/bin/sh -c pip install" did not complete successfully: exit code: 1',
      '#9 ERROR: error writing cache: unexpected status 400',
      'abcdefabcdef: Pushed',
      '123456123456: Layer already exists',
    ])
      out.feed(l);
    expect(out.stats()).toEqual({
      steps: 3,
      cached: 2,
      failedStep: '[3/3] RUN pip install -r /requirements.txt',
      cacheExportError: '#9 ERROR: error writing cache: unexpected status 400',
      layersPushed: 1,
      layersExisting: 1,
    });
  });
});

describe('tags that already exist', () => {
  const img = (tag: string, digest: string) => ({
    tag,
    digest,
    manifest: '{}',
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  });
  test('immutable: reuse one image (adding missing tags), refuse different images; mutable: build', () => {
    expect(decideTags('app', 'IMMUTABLE', ['a'], [])).toEqual({ action: 'build' });
    expect(decideTags('app', 'MUTABLE', ['a'], [img('a', 'sha256:1')])).toEqual({ action: 'build' });
    expect(decideTags('app', 'IMMUTABLE', ['a', 'b'], [img('a', 'sha256:1')])).toEqual({
      action: 'reuse',
      image: img('a', 'sha256:1'),
      missing: ['b'],
    });
    expect(decideTags('app', 'IMMUTABLE', ['a', 'b'], [img('a', 'sha256:1'), img('b', 'sha256:2')])).toMatchObject({ action: 'conflict' });
  });
});

describe('labels and severities', () => {
  test('commit and run from GitHub variables; the user wins on a clash', () => {
    const env = { GITHUB_SHA: 'abc', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '2' };
    expect(imageLabels(env, { 'org.opencontainers.image.revision': 'mine' })).toEqual({
      'org.opencontainers.image.revision': 'mine',
      'org.opencontainers.image.source': 'https://github.com/o/r',
      'io.github.actions.workflow-run': 'https://github.com/o/r/actions/runs/9/attempts/2',
    });
    expect(imageLabels({}, undefined)).toEqual({});
  });

  test('at or above', () => {
    expect(['CRITICAL', 'HIGH', 'MEDIUM', 'UNDEFINED'].filter((s) => atOrAbove(s, 'HIGH'))).toEqual(['CRITICAL', 'HIGH']);
  });
});
