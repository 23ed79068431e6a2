package org.repal.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;

/**
 * A training group of spec §2.1: pretrain on the group's rules with every parameter free, then train on the
 * anti-delay task, with only W_ih trainable when {@code frozen}. {@code untrained} has neither phase: its
 * final weights are the initial ones.
 */
public record Curriculum(String name, List<Task> pretrain, List<Task> train, boolean frozen) {
    public Curriculum {
        pretrain = List.copyOf(pretrain);
        train = List.copyOf(train);
    }

    public boolean isUntrained() {
        return pretrain.isEmpty() && train.isEmpty();
    }

    /** Every task whose data the group reads, pretraining first. */
    public List<Task> tasks() {
        List<Task> all = new ArrayList<>(pretrain);
        for (Task t : train) {
            if (!all.contains(t)) {
                all.add(t);
            }
        }
        return all;
    }

    /** The groups of a task set in the reference's config order: 11 for PDM, 10 for GoNogo. */
    public static List<Curriculum> groups(TaskSet set) {
        Task anti = find(set, true, false);
        Task basic = find(set, false, false);
        Task delay = find(set, false, true);
        List<Task> target = List.of(find(set, true, true));
        List<Curriculum> out = new ArrayList<>();
        out.add(new Curriculum("master", List.of(), target, false));
        out.add(new Curriculum("pretrain_frozen", List.of(anti, basic, delay), target, true));
        out.add(new Curriculum("pretrain_unfrozen", List.of(anti, basic, delay), target, false));
        out.add(new Curriculum("pretrain_basic_frozen", List.of(basic), target, true));
        out.add(new Curriculum("pretrain_anti_frozen", List.of(anti), target, true));
        out.add(new Curriculum("pretrain_delay_frozen", List.of(delay), target, true));
        out.add(new Curriculum("pretrain_basic_anti_frozen", List.of(basic, anti), target, true));
        out.add(new Curriculum("pretrain_basic_delay_frozen", List.of(basic, delay), target, true));
        if (set == TaskSet.PDM) {
            out.add(new Curriculum("pretrain_anti_delay_frozen", List.of(anti, delay), target, true));
        }
        out.add(new Curriculum("master_frozen", List.of(), target, true));
        out.add(new Curriculum("untrained", List.of(), List.of(), true));
        return out;
    }

    private static Task find(TaskSet set, boolean anti, boolean delay) {
        return set.tasks().stream().filter(t -> t.isAnti() == anti && t.hasDelay() == delay).findFirst()
                .orElseThrow();
    }

    /**
     * The group with this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown group and the known ones
     */
    public static Curriculum parse(TaskSet set, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        List<Curriculum> groups = groups(set);
        for (Curriculum c : groups) {
            if (c.name.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown group '" + name + "' for task set " + set + " (known: "
                + groups.stream().map(Curriculum::name).collect(Collectors.joining(", ")) + ")");
    }
}
