// SQLite's WAL checkpoints on a thread of their own. A checkpoint copies committed frames from the
// WAL into the database file and syncs it; left to the writer (wal_autocheckpoint), it runs inside
// the COMMIT that crosses the threshold, on the event loop: ~a third of COMMIT's time in W3.
// Here a second connection, in a worker thread, runs PASSIVE checkpoints (they never wait for or
// block the writer or readers) at most every CHECKPOINT_EVERY_MS while commits keep coming.
// The writer keeps a higher wal_autocheckpoint as a backstop (see group-commit.ts).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const CHECKPOINT_EVERY_MS = 50;

// CommonJS evaluated in the worker: bundled or not, the app hands it better-sqlite3's path.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.sqlite);
const db = new SQLite(workerData.file);
let last = 0;
let timer = null;
const checkpoint = () => {
  timer = null;
  last = Date.now();
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* only a delay: the writer's backstop bounds the WAL */ }
};
parentPort.on('message', (m) => {
  if (m === 'close') { if (timer) clearTimeout(timer); db.close(); process.exit(0); }
  if (!timer) timer = setTimeout(checkpoint, Math.max(0, last + workerData.everyMs - Date.now()));
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(file: string) {
    this.worker = new Worker(WORKER, {
      eval: true, workerData: { file, sqlite: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS },
    });
    // A worker that failed (it could not open the file, say) only leaves checkpoints to the
    // writer's backstop; unheard, its error would end the process.
    this.worker.on('error', () => {});
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.unref(); // never what keeps the process alive
  }

  /** Something was committed: a checkpoint follows within CHECKPOINT_EVERY_MS. */
  committed(): void {
    this.worker.postMessage(0);
  }

  async close(): Promise<void> {
    // Unreferenced, the worker would not keep the process alive while closing: a script whose
    // last step is closing the database (the bench's generator, a CLI command) would end with
    // its await unsettled (exit code 13) before the worker had closed its connection.
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}
