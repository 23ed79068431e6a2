package org.repal.core.analysis.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repal.core.analysis.results.DissimilarityRow;
import org.repal.core.analysis.results.LearningPart;
import org.repal.core.analysis.results.OverLearningRow;
import org.repal.core.analysis.results.RunResults;
import org.repal.core.task.TaskSet;

/**
 * Every table of the report, computed once from a run: per architecture and metric the level statistics, the pair
 * regressions, the accuracy relation and the over-learning curves; the attractor tests; and the four claims.
 *
 * @param settings            how the statistics ran
 * @param taskSet             the run's task set
 * @param pairs               the dissimilarity pairs, each once
 * @param levels              arch → metric → level statistics
 * @param withoutMaster       arch → models without a master pair in their config ("config/group")
 * @param regressions         arch → metric → the two pair regressions
 * @param accuracy            arch → metric → accuracy relation over learning
 * @param curves              arch → metric → over-learning curves
 * @param overLearningRepeats over-learning rows left out because another part had the same point
 * @param regimes             metric → attractor Test 1 (empty without the bench)
 * @param composition         metric → attractor Test 3 (empty without the bench)
 * @param claims              the four claims
 */
public record RunFindings(FindingsSettings settings, TaskSet taskSet, PairTable pairs,
                          Map<String, Map<String, LevelStatistics>> levels, Map<String, List<String>> withoutMaster,
                          Map<String, Map<String, List<PairRegression>>> regressions,
                          Map<String, Map<String, AccuracyRelation>> accuracy,
                          Map<String, Map<String, OverLearningCurves>> curves, int overLearningRepeats,
                          Map<String, AttractorEvidence.Regimes> regimes,
                          Map<String, AttractorEvidence.Composition> composition, List<Claim> claims) {

    /** The architectures, in report order. */
    public static final List<String> ARCHS = List.of("rnn", "mamba");

    /** Computes everything from the run. */
    public static RunFindings compute(RunResults run, FindingsSettings s) {
        TaskSet set = TaskSet.parse(run.taskset());
        PairTable pairs = PairTable.of(run.dissimilarity());
        List<OverLearningRow> over = new ArrayList<>();
        Set<List<Object>> seen = new LinkedHashSet<>();
        int repeats = 0;
        for (LearningPart p : run.learning()) {
            for (OverLearningRow r : p.overLearning()) {
                if (seen.add(List.of(r.arch(), r.config(), r.group(), r.fraction(), r.metric()))) {
                    over.add(r);
                } else {
                    repeats++;
                }
            }
        }
        Map<String, Map<String, LevelStatistics>> levels = new LinkedHashMap<>();
        Map<String, List<String>> withoutMaster = new LinkedHashMap<>();
        Map<String, Map<String, List<PairRegression>>> regressions = new LinkedHashMap<>();
        Map<String, Map<String, AccuracyRelation>> accuracy = new LinkedHashMap<>();
        Map<String, Map<String, OverLearningCurves>> curves = new LinkedHashMap<>();
        for (String arch : ARCHS) {
            withoutMaster.put(arch, DistanceToMaster.withoutMaster(pairs, arch));
            Map<String, LevelStatistics> l = new LinkedHashMap<>();
            Map<String, List<PairRegression>> r = new LinkedHashMap<>();
            Map<String, AccuracyRelation> a = new LinkedHashMap<>();
            Map<String, OverLearningCurves> c = new LinkedHashMap<>();
            for (String metric : DissimilarityRow.METRICS) {
                l.put(metric, LevelStatistics.compute(arch, metric, DistanceToMaster.of(pairs, arch, metric), s.seed(),
                        s.resamples(), s.permutations()));
                r.put(metric, PairRegression.compute(pairs, set, arch, metric));
                a.put(metric, AccuracyRelation.compute(arch, metric, over, s.seed(), s.resamples()));
                c.put(metric, OverLearningCurves.compute(arch, metric, over, set));
            }
            levels.put(arch, l);
            regressions.put(arch, r);
            accuracy.put(arch, a);
            curves.put(arch, c);
        }
        Map<String, AttractorEvidence.Regimes> regimes = run.attractors() == null ? Map.of()
                : AttractorEvidence.regimes(run.attractors(), s.seed(), s.permutations());
        Map<String, AttractorEvidence.Composition> composition = run.attractors() == null ? Map.of()
                : AttractorEvidence.composition(run.attractors(), s.seed(), s.permutations());
        List<Claim> claims = List.of(
                PaperClaims.rnnOrdering(levels.get("rnn"), s.rules()),
                PaperClaims.accuracy(accuracy.get("rnn"), s.rules()),
                PaperClaims.mambaOrdering(levels.get("mamba"), s.rules()),
                PaperClaims.attractors(regimes, composition, s.rules()));
        return new RunFindings(s, set, pairs, levels, withoutMaster, regressions, accuracy, curves, repeats, regimes,
                composition, claims);
    }
}
