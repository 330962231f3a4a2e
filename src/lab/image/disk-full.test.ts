import { describe, expect, it } from 'vitest';
import { DiskFullError, DiskFullScanner, diskFullMessage, errorText, isDiskFull } from './disk-full';

describe('isDiskFull', () => {
  it('recognises the ways tools report a full disk', () => {
    const samples = [
      // unxz in debootstrap.log
      'unxz: /tmp/x/root/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages: Write error: No space left on device',
      // dpkg inside the Docker build
      "cannot copy extracted data for './usr/bin/openssl' to '/usr/bin/openssl.dpkg-new': failed to write (No space left on device)",
      // apt
      'E: Write error - write (28: No space left on device)',
      "E: You don't have enough free space in /var/cache/apt/archives/.",
      // Docker's daemon
      'write /var/lib/docker/tmp/docker-builder123/kubectl: no space left on device',
      // Node
      "ENOSPC: no space left on device, mkdtemp '/cache/debootstrap/rootfs-XXXXXX'",
    ];
    for (const text of samples) expect(isDiskFull(text), text).toBe(true);
  });

  it('sees through the colours the classic builder puts around stderr', () => {
    expect(isDiskFull("\x1b[91mE: You don't have enough free space in /var/cache/apt/archives/.\x1b[0m")).toBe(true);
  });

  it('does not mistake other failures for a full disk', () => {
    for (const text of [
      "E: Couldn't download http://deb.debian.org/debian/dists/bookworm/main/binary-amd64/Packages",
      'Temporary failure resolving deb.debian.org',
      "The command '/bin/sh -c apt-get update' returned a non-zero code: 100",
      'EACCES: permission denied',
      'Space left for notes: 12 lines',
    ]) {
      expect(isDiskFull(text), text).toBe(false);
    }
  });
});

describe('errorText', () => {
  it('joins the message, the errno code and output left on the error', () => {
    const err = Object.assign(new Error('debootstrap exited with 1: E: Couldn\'t download Packages'), { output: 'unxz: x: Write error: No space left on device' });
    expect(isDiskFull(err.message)).toBe(false);
    expect(isDiskFull(errorText(err))).toBe(true);
    expect(errorText(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toContain('ENOSPC');
    expect(errorText('plain')).toBe('plain');
  });
});

describe('DiskFullScanner', () => {
  it('finds a sign split across messages, as Docker streams stderr', () => {
    const scanner = new DiskFullScanner();
    for (const chunk of ['Reading package lists...\n', '\x1b[91mE\x1b[0m', '\x1b[91m: \x1b[0m', "\x1b[91mYou don't have enough free ", 'space in /var/cache/apt/archives/.\x1b[0m\n']) scanner.feed(chunk);
    expect(scanner.seen).toBe(true);
  });

  it('stays quiet on an ordinary build', () => {
    const scanner = new DiskFullScanner();
    for (const chunk of ['Step 6/15 : RUN apt-get update\n', 'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\n', 'Setting up nginx (1.22.1-9) ...\n']) scanner.feed(chunk);
    expect(scanner.seen).toBe(false);
  });
});

describe('diskFullMessage', () => {
  it('says where, how much to free and what to run, for the host side', () => {
    const text = diskFullMessage({ place: { side: 'host', path: '/home/me/.cache/kubelab/debootstrap' }, step: 'making the Debian base with debootstrap', leftovers: [] });
    expect(text).toBe(
      'the disk ran out of space while building the image (making the Debian base with debootstrap; where: /home/me/.cache/kubelab/debootstrap): ' +
        'free at least 1 GB there (e.g. delete files you no longer need, or set KUBELAB_CACHE to a folder on a disk with room) and run `kubelab image build` again. Nothing half-made was kept.',
    );
  });

  it('names Docker\'s data root and docker system prune for the Docker side', () => {
    const text = diskFullMessage({ place: { side: 'docker', dataRoot: '/var/lib/docker' }, step: 'running the Dockerfile', leftovers: [] });
    expect(text).toContain("where: Docker's data root, /var/lib/docker");
    expect(text).toContain('free at least 2 GB there (e.g. `docker system prune`');
    expect(text).toContain('run `kubelab image build` again');
    expect(diskFullMessage({ place: { side: 'docker' }, step: 's', leftovers: [] })).toContain("where: Docker's data root)");
  });

  it('owns up to what it could not remove', () => {
    const text = diskFullMessage({ place: { side: 'host', path: '/c' }, step: 's', leftovers: ['/c/debootstrap/rootfs-abc'] });
    expect(text).toContain('Could not remove /c/debootstrap/rootfs-abc');
    expect(text).not.toContain('Nothing half-made');
  });

  it('is the message of DiskFullError', () => {
    const full = { place: { side: 'host' as const, path: '/c' }, step: 's', leftovers: [] };
    const err = new DiskFullError(full);
    expect(err.message).toBe(diskFullMessage(full));
    expect(err.full).toBe(full);
    expect(err).toBeInstanceOf(Error);
  });
});
