package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.repal.core.analysis.stats.Bootstrap;
import org.repal.core.analysis.stats.Ordering;
import org.repal.core.analysis.stats.Regression;
import org.repal.core.analysis.stats.Summary;
import org.repal.core.analysis.stats.Verdict;
import org.repal.core.analysis.stats.VerdictRules;

/**
 * The paper's four claims (spec §8, §11.9) put to a run's numbers with {@link VerdictRules}. Each claim states its
 * rule; a claim whose levels have fewer models than the rules' minimum is "not enough models at this scale"
 * whatever its p-values, and its evidence still shows every number the run has and says which level is short.
 */
public final class PaperClaims {

    private PaperClaims() {
    }

    /** The display name of a metric. */
    public static String metricName(String metric) {
        return switch (metric) {
            case "dsa" -> "DSA";
            case "procrustes" -> "Procrustes";
            case "cka" -> "CKA";
            default -> metric;
        };
    }

    /** The display name of an architecture: "RNN" or "Mamba". */
    public static String archName(String arch) {
        return arch.equals("rnn") ? "RNN" : arch.equals("mamba") ? "Mamba" : arch;
    }

    /** (a) RNN: DSA orders the levels, CKA and Procrustes do not. */
    public static Claim rnnOrdering(Map<String, LevelStatistics> rnn, VerdictRules rules) {
        Verdict dsa = rules.ordering(rnn.get("dsa").ordering());
        Verdict procrustes = rules.ordering(rnn.get("procrustes").ordering());
        Verdict cka = rules.ordering(rnn.get("cka").ordering());
        Verdict v = dsa == Verdict.NOT_ENOUGH_MODELS ? Verdict.NOT_ENOUGH_MODELS
                : dsa == Verdict.HOLDS && procrustes != Verdict.HOLDS && cka != Verdict.HOLDS ? Verdict.HOLDS
                : Verdict.DOES_NOT_HOLD;
        List<String> evidence = new ArrayList<>();
        if (v == Verdict.NOT_ENOUGH_MODELS) {
            evidence.add("Not assessed: " + shortLevels(rnn.get("dsa").ordering(), rules, "RNN") + ".");
        }
        for (String m : List.of("dsa", "procrustes", "cka")) {
            evidence.add(orderingText(rnn.get(m), rules) + " Ordering test for " + metricName(m) + ": "
                    + words(rules.ordering(rnn.get(m).ordering())) + ".");
        }
        return new Claim("a", "RNN: DSA orders the groups untrained > master_frozen > partial > full pretraining by "
                + "dissimilarity to master, while CKA and Procrustes stay flat",
                "Reference (spec §8, notebook 3): DSA means ≈ 0.61, 0.43, 0.32, 0.27 (full unfrozen 0.31); CKA ≈ 0.43, "
                        + "0.42, 0.39, 0.40, 0.40 and Procrustes ≈ 0.44, 0.41, 0.40, 0.41, 0.42.",
                "Holds when, for DSA, every adjacent step of untrained > master_frozen > partial > full_frozen has a "
                        + "BH-adjusted one-sided Welch p < " + Num.fixed(rules.alpha(), 2) + " and a bootstrap 95 % CI "
                        + "of the difference above 0, and neither CKA nor Procrustes passes the same test; not enough "
                        + "models when one of the four levels has fewer than " + rules.minModels() + " RNN models. "
                        + "Unit: one trained network (one config in one group), its dissimilarity to its own "
                        + "config's master.",
                v, evidence);
    }

    /** (c) Mamba: the RNN ordering is not found for DSA. */
    public static Claim mambaOrdering(Map<String, LevelStatistics> mamba, VerdictRules rules) {
        Verdict o = rules.ordering(mamba.get("dsa").ordering());
        Verdict v = o == Verdict.NOT_ENOUGH_MODELS ? Verdict.NOT_ENOUGH_MODELS
                : o == Verdict.HOLDS ? Verdict.DOES_NOT_HOLD : Verdict.HOLDS;
        List<String> evidence = new ArrayList<>();
        if (v == Verdict.NOT_ENOUGH_MODELS) {
            evidence.add("Not assessed: " + shortLevels(mamba.get("dsa").ordering(), rules, "Mamba") + ".");
        }
        evidence.add(orderingText(mamba.get("dsa"), rules) + " Ordering test for DSA: " + words(o) + ".");
        for (String m : List.of("procrustes", "cka")) {
            evidence.add(orderingText(mamba.get(m), rules));
        }
        return new Claim("c", "Mamba: DSA distance to master does not fall with pretraining (no untrained > "
                + "master_frozen > partial > full ordering as in the RNNs)",
                "Reference (spec §8, analysis_mamba): DSA means ≈ untrained 0.46, master_frozen 0.61, partial 0.43, "
                        + "full 0.47, full unfrozen 0.45.",
                "Holds when the RNN claim's ordering test (every step significant and its CI above 0) does not pass "
                        + "for Mamba DSA, does not hold when it passes; not enough models when one of the four levels "
                        + "has fewer than " + rules.minModels() + " Mamba models. \"Holds\" means the ordering was not "
                        + "found at this run's size, not that its absence is proven.",
                v, evidence);
    }

    /** (b) RNN: DSA grows with the accuracy difference over learning. */
    public static Claim accuracy(Map<String, AccuracyRelation> rnn, VerdictRules rules) {
        AccuracyRelation d = rnn.get("dsa");
        Verdict v = d.slopeCi() == null ? Verdict.NOT_ENOUGH_MODELS
                : rules.interval(d.slopeCi(), 1, d.slopes().length);
        List<String> evidence = new ArrayList<>();
        if (v == Verdict.NOT_ENOUGH_MODELS) {
            evidence.add("Not assessed: " + d.slopes().length + " RNN model(s) with a DSA slope over learning, the "
                    + "rule needs " + rules.minModels() + ".");
        }
        for (String m : List.of("dsa", "procrustes", "cka")) {
            evidence.add(accuracyText(rnn.get(m)));
        }
        return new Claim("b", "RNN: DSA grows with the difference in accuracy between a group and master over "
                + "learning (and CKA does not)",
                "Reference (spec §8, notebook 4 (c)), pooled over every snapshot pair: DSA slope > 0, R² 0.132, "
                        + "p 3.3e-47; CKA slope < 0, R² 0.013; Procrustes slope < 0, R² 0.0125.",
                "Holds when the bootstrap 95 % CI of the mean per-model DSA slope (each trained RNN's dissimilarity to "
                        + "master regressed on |accuracy − master's accuracy| over its training series) lies above 0, "
                        + "with at least " + rules.minModels() + " models with a slope. The pooled fit is shown to "
                        + "compare with the reference; its p treats the snapshots of one model as independent.",
                v, evidence);
    }

    /** (d) The attractor bench: DSA separates regimes and falls with shared motifs. */
    public static Claim attractors(Map<String, AttractorEvidence.Regimes> regimes,
                                   Map<String, AttractorEvidence.Composition> composition, VerdictRules rules) {
        String statement = "Attractor bench: DSA separates the dynamical regimes and falls with the number of motifs "
                + "two compositions share";
        String reference = "Reference (spec §7, §8): DSA within-regime 0.16–0.29 vs across 0.19–0.68; composition "
                + "DSA means 0.7647, 0.6281, 0.3607 for 1, 2, 3 shared motifs.";
        String rule = "Holds when, for DSA, (1) the permutation test of mean(across-regime) − mean(within-regime), "
                + "regime labels shuffled across the simulated systems, gives p < " + Num.fixed(rules.alpha(), 2)
                + " and (2) the permutation test of the slope of dissimilarity on the number of shared motifs "
                + "(composition labels shuffled) gives a negative slope with p < " + Num.fixed(rules.alpha(), 2)
                + "; not enough models when the bench is absent or a regime has fewer than " + rules.minModels()
                + " systems. Pairs are unordered, without self-pairs.";
        AttractorEvidence.Regimes r = regimes.get("dsa");
        AttractorEvidence.Composition c = composition.get("dsa");
        if (r == null || c == null) {
            return new Claim("d", statement, reference, rule, Verdict.NOT_ENOUGH_MODELS,
                    List.of("Not assessed: this run has no attractor bench (config section attractors)."));
        }
        boolean enough = rules.enoughModels(r.sizes()) && c.test() != null
                && rules.enoughModels(c.test().units());
        boolean separates = r.test() != null && r.test().p() < rules.alpha() && r.acrossMean() > r.withinMean();
        boolean falls = c.test() != null && c.test().p() < rules.alpha() && c.fit().slope() < 0;
        Verdict v = !enough ? Verdict.NOT_ENOUGH_MODELS : separates && falls ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD;
        List<String> evidence = new ArrayList<>();
        if (!enough) {
            evidence.add("Not assessed: systems per regime " + java.util.Arrays.toString(r.sizes())
                    + ", the rule needs " + rules.minModels() + ".");
        }
        for (String m : List.of("dsa", "procrustes", "cka")) {
            evidence.add(regimesText(regimes.get(m)) + " " + compositionText(composition.get(m)));
        }
        return new Claim("d", statement, reference, rule, v, evidence);
    }

    /** "holds", "does not hold", "not enough models". */
    static String words(Verdict v) {
        return switch (v) {
            case HOLDS -> "passes";
            case DOES_NOT_HOLD -> "does not pass";
            case NOT_ENOUGH_MODELS -> "not enough models";
        };
    }

    private static String shortLevels(Ordering.Result o, VerdictRules rules, String arch) {
        List<String> shortOnes = new ArrayList<>();
        for (int i = 0; i < o.levels().size(); i++) {
            if (o.n()[i] < rules.minModels()) {
                shortOnes.add(o.levels().get(i) + " has " + o.n()[i] + " " + arch + " model"
                        + (o.n()[i] == 1 ? "" : "s"));
            }
        }
        return String.join(", ", shortOnes) + " (the rule needs " + rules.minModels() + " per level)";
    }

    /** Level means, steps, rank trend and permutation separation of one metric. */
    static String orderingText(LevelStatistics st, VerdictRules rules) {
        StringBuilder sb = new StringBuilder(metricName(st.metric())).append(" (").append(archName(st.arch()))
                .append("), dissimilarity to master: ");
        List<String> parts = new ArrayList<>();
        for (LevelStatistics.Row row : st.rows()) {
            parts.add(levelText(row));
        }
        sb.append(String.join("; ", parts)).append(".");
        Ordering.Result o = st.ordering();
        List<String> steps = new ArrayList<>();
        for (Ordering.Step s : o.steps()) {
            Bootstrap.Interval ci = s.ci();
            boolean spread = s.n1() >= 2 && s.n2() >= 2;
            steps.add(s.level1() + " − " + s.level2() + " = " + Num.signed(s.difference())
                    + (!spread || Double.isNaN(ci.lower()) ? ""
                    : ", 95 % CI [" + Num.v(ci.lower()) + ", " + Num.v(ci.upper()) + "]")
                    + ", one-sided p_BH " + Num.p(s.pAdjusted()) + " (n=" + s.n1() + "/" + s.n2() + ")");
        }
        sb.append(" Steps of the claimed order: ").append(String.join("; ", steps)).append(".");
        sb.append(" Rank trend over the four levels: Spearman ρ = ").append(Num.v(o.spearman().coefficient()))
                .append(" (n=").append(o.total()).append(", one-sided p ")
                .append(Num.p(o.spearman().pOneSided(false))).append(").");
        if (st.permutation() == null) {
            sb.append(" Level separation against shuffled level labels: not testable (needs 2 levels with networks and"
                    + " more networks than levels).");
        } else {
            sb.append(" Level separation against shuffled level labels (one-way F over the ")
                    .append(st.permutation().groupSizes().length).append(" levels with models, ")
                    .append(st.permutation().permutations()).append(" permutations): F = ")
                    .append(Num.fixed(st.permutation().observed(), 2)).append(", p = ")
                    .append(Num.p(st.permutation().p())).append(" (n=").append(st.permutation().n()).append(").");
        }
        return sb.toString();
    }

    /** "untrained 0.612 ± 0.021 (n=64, 95 % CI [0.57, 0.65])". */
    static String levelText(LevelStatistics.Row row) {
        if (row.n() == 0) {
            return row.level().label() + ": no models";
        }
        Summary s = row.summary();
        if (row.ci() == null) {
            return row.level().label() + " " + Num.v(s.mean()) + " (n=" + row.n() + ": no SEM or CI from one network)";
        }
        return row.level().label() + " " + Num.v(s.mean()) + " ± " + Num.v(s.sem()) + " (n=" + row.n()
                + ", 95 % CI [" + Num.v(row.ci().lower()) + ", " + Num.v(row.ci().upper()) + "])";
    }

    static String accuracyText(AccuracyRelation a) {
        StringBuilder sb = new StringBuilder(metricName(a.metric())).append(" (").append(archName(a.arch()))
                .append("): ");
        if (a.slopes().length == 0) {
            sb.append("no model has a slope");
        } else if (a.slopeCi() == null) {
            sb.append("one model's slope ").append(Num.signed(a.meanSlope())).append(" (n=1: no CI from one model)");
        } else {
            sb.append("mean per-model slope ").append(Num.signed(a.slopeCi().estimate())).append(", 95 % CI [")
                    .append(Num.v(a.slopeCi().lower())).append(", ").append(Num.v(a.slopeCi().upper()))
                    .append("] (n=").append(a.slopes().length).append(" models)");
        }
        if (!a.withoutSlope().isEmpty()) {
            sb.append("; ").append(a.withoutSlope().size()).append(" model(s) without a slope (")
                    .append(String.join("; ", a.withoutSlope().subList(0, Math.min(3, a.withoutSlope().size()))))
                    .append(a.withoutSlope().size() > 3 ? "; …" : "").append(")");
        }
        sb.append(". Pooled over ").append(a.points().size()).append(" snapshot pairs of ").append(a.models())
                .append(" models: ");
        Regression.Fit f = a.pooled();
        if (f == null) {
            sb.append("no fit (").append(a.pooledNote()).append(")");
        } else {
            sb.append("slope ").append(Num.signed(f.slope())).append(" (SE ").append(Num.v(f.slopeSe()))
                    .append("), R² ").append(Num.v(f.rSquared())).append(", p ").append(Num.p(f.p()))
                    .append(", n=").append(f.n());
        }
        if (a.missingAccuracy() > 0) {
            sb.append("; ").append(a.missingAccuracy()).append(" snapshot pair(s) without a measured accuracy left out");
        }
        return sb.append(".").toString();
    }

    static String regimesText(AttractorEvidence.Regimes r) {
        StringBuilder sb = new StringBuilder(metricName(r.metric())).append(": within-regime mean ")
                .append(Num.v(r.withinMean())).append(" (n=").append(r.within().length).append(" pairs) vs across ")
                .append(Num.v(r.acrossMean())).append(" (n=").append(r.across().length).append(" pairs)");
        if (r.test() != null) {
            sb.append(", difference ").append(Num.signed(r.test().observed())).append(", permutation p ")
                    .append(Num.p(r.test().p())).append(" (").append(r.test().units()).append(" systems, ")
                    .append(r.test().permutations()).append(" permutations)");
        }
        return sb.append(".").toString();
    }

    static String compositionText(AttractorEvidence.Composition c) {
        StringBuilder sb = new StringBuilder("Compositions: ");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.shared().length; i++) {
            Summary s = c.summary().get(i);
            parts.add(c.shared()[i] + " shared " + Num.v(s.mean()) + " ± " + Num.v(s.sem()) + " (n=" + s.n() + ")");
        }
        sb.append(String.join(", ", parts));
        if (c.fit() != null) {
            sb.append("; slope ").append(Num.signed(c.fit().slope())).append(" per shared motif, Spearman ρ ")
                    .append(Num.v(c.spearman().coefficient())).append(", permutation p (falls) ")
                    .append(Num.p(c.test().p())).append(" (").append(c.test().units()).append(" compositions, ")
                    .append(c.test().permutations()).append(" permutations)");
        }
        return sb.append(".").toString();
    }
}
