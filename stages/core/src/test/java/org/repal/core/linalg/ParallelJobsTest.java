package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelJobsTest {

    @Test
    void resultsComeInJobOrderWhateverTheThreads() {
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int k = i;
            jobs.add(() -> {
                Thread.sleep((k * 7) % 5); // finish out of order
                return k * k;
            });
        }
        for (int threads : new int[] {1, 3, 8}) {
            List<Integer> out = ParallelJobs.run(jobs, threads);
            for (int i = 0; i < 40; i++) {
                assertEquals(i * i, out.get(i), "threads " + threads);
            }
        }
    }

    /** The earliest failing job's exception, as thrown (checked ones wrapped); no job starts after a failure. */
    @Test
    void theFirstFailureInJobOrderIsRethrown() {
        AtomicInteger started = new AtomicInteger();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int k = i;
            jobs.add(() -> {
                started.incrementAndGet();
                if (k == 2) {
                    throw new IOException("job 2");
                }
                if (k == 3) {
                    throw new IllegalArgumentException("job 3");
                }
                return k;
            });
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelJobs.run(jobs, 1));
        assertEquals("job 2", e.getCause().getMessage());
        assertEquals(3, started.get(), "one thread stops after job 2");
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> ParallelJobs.run(jobs.subList(3, 5), 2));
        assertEquals("job 3", direct.getMessage());
    }

    /**
     * Workers outlive the call (pooled, so the work buffers they keep serve later calls), and within a call one worker
     * reuses its buffer from job to job.
     */
    @Test
    void workersAndTheirBuffersOutliveTheJob() throws InterruptedException {
        Callable<Long> lease = () -> {
            try (Scratch.Lease l = Scratch.offHeap("parallel-jobs-test", 1000)) {
                return l.pointer().address();
            }
        };
        List<Long> addresses = ParallelJobs.run(List.of(lease, lease, lease), 1);
        assertEquals(1, addresses.stream().distinct().count(), "one worker, one kept buffer: " + addresses);
        Thread worker = ParallelJobs.run(List.<Callable<Thread>>of(Thread::currentThread), 1).get(0);
        assertTrue(worker.getName().startsWith("repal-jobs"));
        Thread.sleep(200);
        assertTrue(worker.isAlive(), "the worker waits in the pool for the next call");
    }
}
