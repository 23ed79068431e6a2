package org.repal.core.analysis.findings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import org.repal.core.train.Curriculum;

/** How much of their curricula two groups share (spec §8, {@code find_group_pairs} and {@code _master}). */
public final class SharedTasks {

    private SharedTasks() {
    }

    /**
     * The reference's % shared tasks of a group pair: 100 when neither group pretrains, 0 when exactly one does,
     * else ⌊100·|P₁ ∩ P₂| / |P₁ ∪ P₂|⌋ over the pretraining rulesets (Jaccard, truncated as the reference's int()).
     */
    public static int jaccardPercent(TaskSet set, String group1, String group2) {
        List<Task> p1 = Curriculum.parse(set, group1).pretrain();
        List<Task> p2 = Curriculum.parse(set, group2).pretrain();
        if (p1.isEmpty() && p2.isEmpty()) {
            return 100;
        }
        if (p1.isEmpty() || p2.isEmpty()) {
            return 0;
        }
        Set<Task> inter = new HashSet<>(p1);
        inter.retainAll(p2);
        Set<Task> union = new HashSet<>(p1);
        union.addAll(p2);
        return (int) (100.0 * inter.size() / union.size());
    }

    /**
     * The shared-task level of a group's over-learning curve against master ({@code find_group_pairs_master}):
     * 100·|pretraining ruleset| / 3, rounded to 0, 33, 67 or 100.
     */
    public static int masterLevelPercent(TaskSet set, String group) {
        return (int) Math.round(100.0 * Curriculum.parse(set, group).pretrain().size() / 3);
    }
}
