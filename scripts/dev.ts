// `npm run dev`: the API (tsx watch, PORT or 3000) and the Vite dev server (CLIENT_PORT or 5173) with /api proxied to it.
import { spawn, type ChildProcess } from 'node:child_process';

const apiPort = process.env.PORT ?? '3000';
const children: ChildProcess[] = [];

function run(label: string, command: string, args: string[], environment: NodeJS.ProcessEnv): void {
  const child = spawn(command, args, { stdio: 'inherit', env: environment });
  child.on('exit', (code) => {
    console.log(`[dev] ${label} exited (${code ?? 'signal'}); stopping the other process`);
    shutDown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function shutDown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutDown(0));
process.on('SIGTERM', () => shutDown(0));

run('api', process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'server/main.ts'], { ...process.env, PORT: apiPort });
run('vite', process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'client/vite.config.ts'], { ...process.env, API_PORT: apiPort });
console.log(`[dev] API on :${apiPort}; open the Vite URL printed below (requests to /api are proxied)`);
