package org.repal.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.DoublePointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScratchTest {

    @AfterEach
    void release() {
        Scratch.releaseThread();
    }

    @Test
    void aReturnedBufferIsLentAgainAndGrowsWhenTooSmall() {
        long first;
        try (Scratch.Lease a = Scratch.offHeap("test.a", 100)) {
            first = a.pointer().address();
            a.pointer().put(7, 3.5);
        }
        try (Scratch.Lease again = Scratch.offHeap("test.a", 50)) {
            assertEquals(first, again.pointer().address(), "same buffer for the same name");
            assertEquals(3.5, again.pointer().get(7), "contents are left as they were");
        }
        try (Scratch.Lease bigger = Scratch.offHeap("test.a", 1000)) {
            assertTrue(bigger.pointer().capacity() >= 1000);
        }
    }

    @Test
    void aNameInUseGetsItsOwnBuffer() {
        try (Scratch.Lease outer = Scratch.offHeap("test.b", 64); Scratch.Lease inner = Scratch.offHeap("test.b", 64)) {
            assertNotEquals(outer.pointer().address(), inner.pointer().address());
        }
    }

    @Test
    void buffersAboveTheLimitAreNotKept() {
        long n = Scratch.KEEP_LIMIT_BYTES / 8 + 1;
        DoublePointer p;
        try (Scratch.Lease big = Scratch.offHeap("test.c", n)) {
            p = big.pointer();
            assertTrue(p.capacity() >= n);
        }
        assertTrue(p.isNull(), "freed when the lease closed");
    }

    @Test
    void heapArraysAreReusedByName() {
        double[] a = Scratch.heap("test.d", 10);
        assertSame(a, Scratch.heap("test.d", 8));
        assertNotSame(a, Scratch.heap("test.d", 11));
    }

    @Test
    void threadEndFreesKeptBuffers() {
        DoublePointer kept;
        try (Scratch.Lease a = Scratch.offHeap("test.e", 10)) {
            kept = a.pointer();
        }
        Scratch.releaseThread();
        assertTrue(kept.isNull());
    }
}
