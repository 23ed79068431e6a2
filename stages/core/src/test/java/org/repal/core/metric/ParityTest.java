package org.repal.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.repal.core.testing.SharedTestData;

/** Procrustes, CKA and DSA (fast optimiser) against the Python reference's test vectors. */
class ParityTest {

    @TestFactory
    List<DynamicTest> procrustesAndCkaMatchReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : SharedTestData.dsaCases()) {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Samples x = Samples.of(SharedTestData.dsaArray(c.get("x").asText()));
                Samples y = Samples.of(SharedTestData.dsaArray(c.get("y").asText()));
                Procrustes.Result p = Procrustes.compare(x, y);
                assertEquals(c.at("/procrustes/angle").asDouble(), p.angle(), 1e-6, "procrustes angle");
                assertEquals(c.at("/procrustes/dissimilarity").asDouble(), p.dissimilarity(), 1e-6,
                        "procrustes dissimilarity");
                double eu = c.at("/procrustes/euclidean").asDouble();
                assertEquals(eu, p.euclidean(), Math.max(1e-6, 1e-8 * eu), "procrustes euclidean");
                Cka.Result k = Cka.compare(x, y);
                assertEquals(c.at("/cka/cka").asDouble(), k.cka(), 1e-9, "cka");
                assertEquals(c.at("/cka/dissimilarity").asDouble(), k.dissimilarity(), 1e-6, "cka dissimilarity");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> fastDsaIsInRangeAndNotAboveReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : SharedTestData.dsaCases()) {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                Trajectories x = SharedTestData.dsaArray(c.get("x").asText());
                Trajectories y = SharedTestData.dsaArray(c.get("y").asText());
                Dsa.Settings settings = new Dsa.Settings(SharedTestData.dsaParams(c), ScoreMethod.ANGULAR, i -> new FastAligner(), 2);
                DsaComparison.Result r = Dsa.compare(x, y, settings);
                JsonNode dsa = c.get("dsa");
                double best = dsa.get("best_known").asDouble();
                double refMean = dsa.at("/reference_10_seeds/mean").asDouble();
                double lo = dsa.at("/range/0").asDouble();
                double hi = dsa.at("/range/1").asDouble();
                System.out.printf("%s fast=%.6f best=%.6f refmean=%.6f iters=%d %.3fs%n", e.getKey(), r.score(), best,
                        refMean, r.iterations(), r.seconds());
                assertTrue(r.score() >= lo && r.score() <= hi, "score " + r.score() + " outside [" + lo + ", " + hi + "]");
                assertTrue(r.score() >= best - 1e-3, "score " + r.score() + " below best known " + best + " - 1e-3");
                assertTrue(r.score() <= refMean + 0.005, "fast score " + r.score() + " above reference mean " + refMean);
                // Closer to the truth than the reference: within 1e-3 of the best optimum known for the case.
                assertTrue(r.score() <= best + 1e-3, "fast score " + r.score() + " more than 1e-3 above best known " + best);
            }));
        }
        return tests;
    }
}
