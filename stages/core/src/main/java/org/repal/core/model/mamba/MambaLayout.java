package org.repal.core.model.mamba;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each tensor lives in the flat parameter buffer, in the order of the reference's state_dict
 * (embedding first, so "train the embedding only" is a prefix of the buffer), with its PyTorch name and shape.
 */
public final class MambaLayout {
    /** One tensor: its state_dict name, PyTorch shape and offset in the flat buffer. */
    public record Tensor(String name, int[] shape, int offset, int size) {
    }

    public static final String EMBEDDING_WEIGHT = "embedding.weight";
    public static final String EMBEDDING_BIAS = "embedding.bias";
    public static final String NORM_F = "norm_f.weight";
    public static final String HEAD = "lm_head.weight";

    private final MambaConfig config;
    private final List<Tensor> tensors = new ArrayList<>();
    private int size;

    final int embW;
    final int embB;
    final int[] aLog;
    final int[] dSkip;
    final int[] inProj;
    final int[] convW;
    final int[] convB;
    final int[] xProj;
    final int[] dtW;
    final int[] dtB;
    final int[] outProj;
    final int[] norm;
    final int normF;
    final int head;

    public MambaLayout(MambaConfig c) {
        this.config = c;
        int d = c.dModel();
        int e = c.inner();
        int n = c.state();
        int layers = c.layers();
        aLog = new int[layers];
        dSkip = new int[layers];
        inProj = new int[layers];
        convW = new int[layers];
        convB = new int[layers];
        xProj = new int[layers];
        dtW = new int[layers];
        dtB = new int[layers];
        outProj = new int[layers];
        norm = new int[layers];
        embW = add(EMBEDDING_WEIGHT, d, c.inputs());
        embB = add(EMBEDDING_BIAS, d);
        for (int l = 0; l < layers; l++) {
            String m = mixer(l);
            aLog[l] = add(m + "A_log", e, n);
            dSkip[l] = add(m + "D", e);
            inProj[l] = add(m + "in_proj.weight", 2 * e, d);
            convW[l] = add(m + "conv1d.weight", e, 1, MambaConfig.D_CONV);
            convB[l] = add(m + "conv1d.bias", e);
            xProj[l] = add(m + "x_proj.weight", c.xProjRows(), e);
            dtW[l] = add(m + "dt_proj.weight", e, c.dtRank());
            dtB[l] = add(m + "dt_proj.bias", e);
            outProj[l] = add(m + "out_proj.weight", d, e);
            norm[l] = add("mamba.layers." + l + ".norm.weight", d);
        }
        normF = add(NORM_F, d);
        head = add(HEAD, c.outputs(), d);
    }

    private static String mixer(int layer) {
        return "mamba.layers." + layer + ".mixer.";
    }

    private int add(String name, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        tensors.add(new Tensor(name, shape, size, n));
        int at = size;
        size += n;
        return at;
    }

    public MambaConfig config() {
        return config;
    }

    /** Every tensor in buffer order. */
    public List<Tensor> tensors() {
        return Collections.unmodifiableList(tensors);
    }

    /** Number of parameters. */
    public int size() {
        return size;
    }

    /** Size of the embedding (weight and bias): the prefix that frozen training updates. */
    public int embeddingSize() {
        return embB + config.dModel();
    }
}
