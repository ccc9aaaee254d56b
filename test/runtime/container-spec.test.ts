import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { TaskLaunch } from '../../src/engine/ports/runtime.js';
import { containerName, containerSpec, toMount } from '../../src/runtime/container/container-spec.js';
import { localNames } from '../../src/runtime/container/image.js';

const task: TaskLaunch = {
  runId: 'run-1',
  taskRunId: 'task-1',
  jobAlias: 'nightly etl',
  stepName: 'load',
  attempt: 1,
  engine: 'docker',
  image: 'alpine:3.20',
  command: undefined,
  env: { A: '1', B: 'x=y' },
  workdir: '',
  mounts: [],
  labels: { 'caesium.run-id': 'spoofed', owner: 'me' },
};

describe('container spec', () => {
  test('env, labels (ours win), no TTY, entrypoint kept when there is no command', () => {
    const spec = containerSpec(task, 'alpine:3.20', { network: undefined, ulimits: undefined });
    expect(spec).toMatchObject({ Image: 'alpine:3.20', Env: ['A=1', 'B=x=y'], Tty: false, WorkingDir: undefined, Cmd: undefined });
    expect(spec.Labels).toEqual({
      owner: 'me',
      'caesium.run-id': 'run-1',
      'caesium.task-run-id': 'task-1',
      'caesium.job': 'nightly etl',
      'caesium.step': 'load',
      'caesium.attempt': '1',
      'caesium.managed': 'true',
    });
    expect(spec.HostConfig).toEqual({ Mounts: [] });
  });

  test('network and ulimits when set', () => {
    const spec = containerSpec(task, 'x', { network: 'none', ulimits: 1024 });
    expect(spec.HostConfig).toMatchObject({
      NetworkMode: 'none',
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 1024 },
        { Name: 'nproc', Soft: 1024, Hard: 1024 },
      ],
    });
  });

  test('mount kinds: explicit, path-like → bind, name → volume, nothing → anonymous volume', () => {
    expect(toMount({ type: 'tmpfs', target: '/t' })).toEqual({ Type: 'tmpfs', Source: '', Target: '/t', ReadOnly: false });
    expect(toMount({ source: './data', target: '/d', readOnly: true })).toEqual({
      Type: 'bind',
      Source: path.resolve('data'),
      Target: '/d',
      ReadOnly: true,
    });
    expect(toMount({ source: 'cache', target: '/c' })).toMatchObject({ Type: 'volume', Source: 'cache' });
    expect(toMount({ target: '/anon' })).toMatchObject({ Type: 'volume', Source: '' });
    expect(() => toMount({ type: 'nfs', target: '/n' })).toThrow(/mount type "nfs" at \/n/);
  });

  test('names are valid and unique', () => {
    const name = containerName(task);
    expect(name).toMatch(/^caesium-nightly-etl-load-[0-9a-f]{8}$/);
    expect(containerName(task)).not.toBe(name);
  });

  test('podman looks for localhost/<image> only when the image names no registry', () => {
    expect(localNames('busybox', true)).toEqual(['busybox', 'localhost/busybox']);
    expect(localNames('caesium-test/busybox:1', true)).toEqual(['caesium-test/busybox:1', 'localhost/caesium-test/busybox:1']);
    expect(localNames('ghcr.io/a/b', true)).toEqual(['ghcr.io/a/b']);
    expect(localNames('localhost/b', true)).toEqual(['localhost/b']);
    expect(localNames('busybox', false)).toEqual(['busybox']);
  });
});
