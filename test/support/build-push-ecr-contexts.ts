import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Build contexts for build-push-ecr's tests and bench. No base image can be pulled here, so every context is
 * `FROM scratch` plus files. A "slow step" needs a program to RUN without a shell: `sleeperElf` is a
 * 161-byte static x86-64 Linux executable (nanosleep, then exit 0), written byte by byte so that nothing has to be
 * installed or compiled.
 */
export function sleeperElf(seconds: number): Buffer {
  const base = 0x400000n;
  const headers = 64 + 56;
  const code = Buffer.from([
    0xb8, 0x23, 0x00, 0x00, 0x00, // mov eax, 35 (nanosleep)
    0x48, 0x8d, 0x3d, 0x0d, 0x00, 0x00, 0x00, // lea rdi, [rip + 13] (the timespec after the code)
    0x31, 0xf6, // xor esi, esi
    0x0f, 0x05, // syscall
    0xb8, 0x3c, 0x00, 0x00, 0x00, // mov eax, 60 (exit)
    0x31, 0xff, // xor edi, edi
    0x0f, 0x05, // syscall
  ]); // prettier-ignore
  const timespec = Buffer.alloc(16);
  timespec.writeBigInt64LE(BigInt(Math.floor(seconds)), 0);
  timespec.writeBigInt64LE(BigInt(Math.round((seconds % 1) * 1e9)), 8);
  const size = headers + code.length + timespec.length;

  const elf = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(elf, 0); // ELF64, little endian, SysV
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(0x3e, 18); // x86-64
  elf.writeUInt32LE(1, 20);
  elf.writeBigUInt64LE(base + BigInt(headers), 24); // entry
  elf.writeBigUInt64LE(64n, 32); // program headers right after this header
  elf.writeUInt16LE(64, 52);
  elf.writeUInt16LE(56, 54);
  elf.writeUInt16LE(1, 56);
  elf.writeUInt16LE(64, 58);

  const ph = Buffer.alloc(56);
  ph.writeUInt32LE(1, 0); // PT_LOAD
  ph.writeUInt32LE(5, 4); // R + X
  ph.writeBigUInt64LE(0n, 8);
  ph.writeBigUInt64LE(base, 16);
  ph.writeBigUInt64LE(base, 24);
  ph.writeBigUInt64LE(BigInt(size), 32);
  ph.writeBigUInt64LE(BigInt(size), 40);
  ph.writeBigUInt64LE(0x1000n, 48);
  return Buffer.concat([elf, ph, code, timespec]);
}

/** Why a slow-step context cannot run on this machine, or undefined when it can. */
export function slowStepUnsupported(): string | undefined {
  return arch() === 'x64' ? undefined : `the sleeper executable is x86-64 only (this machine is ${arch()})`;
}

export interface BuildContext {
  readonly dir: string;
  readonly dockerfile: string;
}

/** A context directory holding `files` (name -> content) and a Dockerfile. */
export function writeContext(dockerfile: string, files: Record<string, string | Buffer> = {}, parent = tmpdir()): BuildContext {
  const dir = mkdtempSync(join(parent, 'bpe-context-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return { dir, dockerfile: join(dir, 'Dockerfile') };
}

/** `FROM scratch` + one file: the smallest image a real engine builds and a real registry stores. */
export function helloContext(content: string, parent?: string): BuildContext {
  return writeContext('FROM scratch\nCOPY hello.txt /hello.txt\n', { 'hello.txt': content }, parent);
}

/**
 * A context with a slow step (`RUN` the sleeper for `seconds`), a layer of `payloadBytes` before it, and a small
 * file after it: a warm build with a layer cache skips the sleep and pushes only what changed.
 */
export function slowContext(seconds: number, payloadBytes: number, parent?: string): BuildContext {
  const ctx = writeContext(
    [
      'FROM scratch',
      'COPY payload.bin /opt/payload.bin',
      'COPY sleeper /sleeper',
      'RUN ["/sleeper"]',
      'COPY model.txt /opt/model.txt',
      '',
    ].join('\n'),
    { 'payload.bin': Buffer.alloc(payloadBytes, 7), sleeper: sleeperElf(seconds), 'model.txt': 'model v1\n' },
    parent,
  );
  chmodSync(join(ctx.dir, 'sleeper'), 0o755);
  return ctx;
}
