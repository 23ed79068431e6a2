package org.repal.core.linalg;

import org.bytedeco.javacpp.DoublePointer;

/**
 * G·Q_i for one block of {@link TopEigen}'s Krylov basis: the vector kernel ({@link SymmetricProduct}) on a packed heap
 * copy of G's upper triangle when the JVM has it, else OpenBLAS's symmetric product on G where it lies. The copy (4n²
 * bytes, once per solve, kept by the thread) is repaid within the first block.
 */
final class KrylovProduct {
    private final DoublePointer g;
    private final int n;
    private final int block;
    private final double[] packed;

    KrylovProduct(DoublePointer g, int n, int block, boolean vectorKernel) {
        this.g = g;
        this.n = n;
        this.block = block;
        long packedLength = SymmetricProduct.packedLength(n);
        // The heap copy must leave the heap room: a Gram too large for a quarter of it stays with OpenBLAS.
        if (vectorKernel && SymmetricProduct.available(n, block)
                && 8L * packedLength <= Runtime.getRuntime().maxMemory() / 4) {
            packed = Scratch.heap("topeigen.packed-gram", (int) packedLength);
            SymmetricProduct.pack(g, n, packed);
        } else {
            packed = null;
        }
    }

    /** The n×block block of {@code gq} at {@code offset} = G times the one of {@code q} at the same offset. */
    void apply(double[] q, double[] gq, int offset) {
        if (packed != null) {
            SymmetricProduct.multiply(packed, n, q, gq, offset, block);
            return;
        }
        int length = n * block;
        try (Scratch.Lease in = Scratch.offHeap("topeigen.product-in", length);
             Scratch.Lease out = Scratch.offHeap("topeigen.product-out", length)) {
            in.pointer().position(0).put(q, offset, length);
            NativeBlas.symmUpper(n, block, 1.0, g, 0, n, in.pointer(), 0, block, 0.0, out.pointer(), 0, block);
            out.pointer().position(0).get(gq, offset, length);
        }
    }
}
