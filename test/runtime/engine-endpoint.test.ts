import { describe, expect, test } from 'vitest';
import { dockerEndpoint, parseEndpoint, podmanEndpoint } from '../../src/runtime/container/engine-endpoint.js';

describe('engine endpoints', () => {
  test('docker: CAESIUM_DOCKER_HOST, then DOCKER_HOST, then the default socket', () => {
    expect(dockerEndpoint({ CAESIUM_DOCKER_HOST: 'unix:///a.sock', DOCKER_HOST: 'unix:///b.sock' }).socketPath).toBe('/a.sock');
    expect(dockerEndpoint({ CAESIUM_DOCKER_HOST: ' ', DOCKER_HOST: 'tcp://10.0.0.5:2375' })).toMatchObject({
      host: '10.0.0.5',
      port: 2375,
      protocol: 'http',
    });
    expect(dockerEndpoint({})).toMatchObject({ url: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' });
  });

  test('addresses: bare paths, tcp with TLS by port or DOCKER_TLS_VERIFY, and what is refused', () => {
    expect(parseEndpoint('/run/x.sock')).toMatchObject({ url: 'unix:///run/x.sock', socketPath: '/run/x.sock' });
    expect(parseEndpoint('tcp://h:2376')).toMatchObject({ host: 'h', port: 2376, protocol: 'https' });
    expect(parseEndpoint('tcp://h:2375', { DOCKER_TLS_VERIFY: '1' })).toMatchObject({ protocol: 'https' });
    expect(() => parseEndpoint('ssh://me@h')).toThrow(/unsupported engine address "ssh:\/\/me@h"/);
  });

  test('podman: explicit settings first, then the first existing socket', () => {
    const none = (): boolean => false;
    expect(podmanEndpoint({ CAESIUM_SOCK: '/s.sock' }, 1000, none).socketPath).toBe('/s.sock');
    expect(podmanEndpoint({ CAESIUM_PODMAN_URI: 'unix:///u.sock', CAESIUM_SOCK: '/s.sock' }, 1000, none).socketPath).toBe('/u.sock');
    expect(podmanEndpoint({ XDG_RUNTIME_DIR: '/xdg' }, 1000, none).socketPath).toBe('/xdg/podman/podman.sock');
    expect(podmanEndpoint({}, 1000, none).socketPath).toBe('/run/user/1000/podman/podman.sock');
    expect(podmanEndpoint({ XDG_RUNTIME_DIR: '/run/user/0' }, 0, none).socketPath).toBe('/run/podman/podman.sock');
    const onlyXdg = (file: string): boolean => file === '/run/user/0/podman/podman.sock';
    expect(podmanEndpoint({ XDG_RUNTIME_DIR: '/run/user/0' }, 0, onlyXdg).socketPath).toBe('/run/user/0/podman/podman.sock');
  });
});
