// Loaded into the app by `bench/profile.ts … --alloc` (node --import): samples every allocation,
// garbage included (V8's sampling heap profiler keeps only what is alive unless told otherwise),
// and writes the profile to $ALLOC_OUT when the app is stopped.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
process.once('SIGTERM', () => {
  session.post('HeapProfiler.stopSampling', (err, r) => {
    if (!err) writeFileSync(process.env.ALLOC_OUT, JSON.stringify(r.profile));
    process.exit(0);
  });
});
