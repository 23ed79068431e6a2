package org.repal.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repal.core.model.Activation;
import org.repal.core.model.InitType;
import org.repal.core.model.RnnConfig;
import org.repal.core.model.RnnType;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;

/** Model names with Python's float formatting, and the groups of spec §2.1. */
class NamesTest {

    @Test
    void floatsPrintAsPythonPrintsThem() {
        assertEquals("0.001", PyFloat.repr(0.001));
        assertEquals("0.01", PyFloat.repr(0.01));
        assertEquals("0.005", PyFloat.repr(0.005));
        assertEquals("0.0005", PyFloat.repr(0.0005));
        assertEquals("0.0001", PyFloat.repr(1e-4));
        assertEquals("1e-05", PyFloat.repr(1e-5));
        assertEquals("2.5e-05", PyFloat.repr(2.5e-5));
        assertEquals("1.0", PyFloat.repr(1));
        assertEquals("0.1", PyFloat.repr(0.1));
        assertEquals("0.30000000000000004", PyFloat.repr(0.1 + 0.2));
        assertEquals("123.456", PyFloat.repr(123.456));
        assertEquals("1e+16", PyFloat.repr(1e16));
        assertEquals("1234567890123456.0", PyFloat.repr(1234567890123456.0));
        assertEquals("-0.003", PyFloat.repr(-0.003));
    }

    @Test
    void modelNamesFollowTheReference() {
        RnnConfig c = new RnnConfig(RnnType.LEAKY_RNN, Activation.RELU, 7, 128, 3, InitType.KAIMING);
        assertEquals("leaky_rnn_relu_128_0.001_64_kaiming", TrainingConfig.reference(c, 0.001, 64).modelName());
        RnnConfig g = new RnnConfig(RnnType.LEAKY_GRU, Activation.LEAKY_RELU, 7, 256, 3, InitType.RANDORTHO);
        assertEquals("leaky_gru_leaky_relu_256_0.01_128_randortho", TrainingConfig.reference(g, 0.01, 128).modelName());
    }

    @Test
    void groupsOfBothTaskSets() {
        List<Curriculum> pdm = Curriculum.groups(TaskSet.PDM);
        assertEquals(11, pdm.size());
        assertEquals(10, Curriculum.groups(TaskSet.GONOGO).size());
        Curriculum f = Curriculum.parse(TaskSet.PDM, "pretrain_frozen");
        assertEquals(List.of(Task.ANTI_PERCEPTUAL_DECISION_MAKING, Task.PERCEPTUAL_DECISION_MAKING,
                Task.PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE), f.pretrain());
        assertEquals(List.of(Task.ANTI_PERCEPTUAL_DECISION_MAKING_DELAY_RESPONSE), f.train());
        assertTrue(f.frozen());
        assertTrue(Curriculum.parse(TaskSet.PDM, "untrained").isUntrained());
        Curriculum g = Curriculum.parse(TaskSet.GONOGO, "pretrain_basic_anti_frozen");
        assertEquals(List.of(Task.GO_NOGO, Task.ANTI_GO_NOGO), g.pretrain());
        assertEquals(List.of(Task.ANTI_GO_NOGO_DELAY_RESPONSE), g.train());
        assertEquals(false, Curriculum.parse(TaskSet.PDM, "master").frozen());
        assertTrue(Curriculum.parse(TaskSet.PDM, "master_frozen").frozen());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Curriculum.parse(TaskSet.GONOGO, "pretrain_anti_delay_frozen"));
        assertTrue(e.getMessage().startsWith("unknown group 'pretrain_anti_delay_frozen' for task set GoNogo"), e.getMessage());
    }
}
