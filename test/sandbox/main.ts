// CLI for the sandbox Tracker (`npm run sandbox`). PORT picks the port (0 =
// ephemeral); without it 8788 is tried first, then any free port.
// SANDBOX_ORG_KIND=cloud starts a Yandex Cloud organisation instead.

import { startSandbox, type SandboxOptions, type SandboxServer } from './server';

const DEFAULT_PORT = 8788;

async function start(): Promise<SandboxServer> {
  const orgKind = process.env.SANDBOX_ORG_KIND === 'cloud' ? 'cloud' : 'yandex360';
  const opts: SandboxOptions = { orgKind };
  const fromEnv = process.env.PORT;
  if (fromEnv !== undefined && fromEnv !== '') {
    const port = Number(fromEnv);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid PORT: ${fromEnv}`);
    return startSandbox({ ...opts, port });
  }
  try {
    return await startSandbox({ ...opts, port: DEFAULT_PORT });
  } catch (e) {
    // Busy default port: any free one will do for the demo.
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return startSandbox({ ...opts, port: 0 });
  }
}

async function main(): Promise<void> {
  const sandbox = await start();
  console.log(`Sandbox Tracker: ${sandbox.url}`);
  console.log(`Demo token: ${sandbox.token}`);
  if (sandbox.orgKind === 'cloud') console.log(`IAM token: ${sandbox.iamToken}`);
  console.log(`Org id: ${sandbox.orgId}`);
  console.log(`Org kind: ${sandbox.orgKind}`);
  console.log('Showcase issue: TREK-12. Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`Sandbox failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
