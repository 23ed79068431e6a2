package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.repal.core.testing.SharedTestData;

/**
 * The reference optimiser reproduces the Python package's scores (mean over 5 seeds within the stated
 * tolerance where the reference's own spread allows it), and the fast optimiser is never worse than it.
 */
class ReferenceParityTest {

    private static final int SEEDS = 5;

    @TestFactory
    List<DynamicTest> referenceOptimiserMatchesPythonAndFastIsNotWorse() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : SharedTestData.dsaCases()) {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                JsonNode p = c.get("params");
                DmdParams params = SharedTestData.dsaParams(c);
                HavokDmd.Fit x = HavokDmd.fit(SharedTestData.dsaArray(c.get("x").asText()), params);
                HavokDmd.Fit y = HavokDmd.fit(SharedTestData.dsaArray(c.get("y").asText()), params);
                double sum = 0;
                double worstReference = Double.NEGATIVE_INFINITY;
                double bestReference = Double.POSITIVE_INFINITY;
                for (int seed = 0; seed < SEEDS; seed++) {
                    double s = DsaComparison.compare(x, y, new ReferenceAligner(seed, p.get("lr").asDouble(),
                            p.get("iters").asInt()), ScoreMethod.ANGULAR).score();
                    sum += s;
                    worstReference = Math.max(worstReference, s);
                    bestReference = Math.min(bestReference, s);
                }
                double mean = sum / SEEDS;
                JsonNode same = c.at("/dsa/same_algorithm");
                double lo = c.at("/dsa/range/0").asDouble();
                double hi = c.at("/dsa/range/1").asDouble();
                assertTrue(bestReference >= lo && worstReference <= hi, "reference optimiser scores ["
                        + bestReference + ", " + worstReference + "] outside the accepted range [" + lo + ", " + hi + "]");
                if (same.get("applicable").asBoolean()) {
                    double center = same.get("center").asDouble();
                    double tol = same.get("abs").asDouble();
                    assertTrue(Math.abs(mean - center) <= tol, "mean of " + SEEDS + " seeds " + mean
                            + " differs from the Python mean " + center + " by more than " + tol);
                }
                double fast = DsaComparison.compare(x, y, new FastAligner(), ScoreMethod.ANGULAR).score();
                assertTrue(fast <= bestReference + 1e-3, "fast " + fast + " above the reference optimiser's best "
                        + bestReference);
            }));
        }
        return tests;
    }
}
