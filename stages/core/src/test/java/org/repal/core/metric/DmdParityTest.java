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

/**
 * The DMD stage against the reference's float64 re-derivation: eigenvalues of A_v matched as multisets
 * (by assignment, because A_v is only defined up to the SVD's sign choices) and the eigenvalue-Wasserstein
 * score.
 */
class DmdParityTest {

    /** Largest distance between matched eigenvalues (optimal assignment on squared distances). */
    static double maxMatchedDistance(double[][] got, JsonNode expected) {
        int n = got.length;
        assertEquals(expected.size(), n, "number of eigenvalues");
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dr = got[i][0] - expected.get(j).get(0).asDouble();
                double di = got[i][1] - expected.get(j).get(1).asDouble();
                cost[i][j] = dr * dr + di * di;
            }
        }
        int[] match = LinearAssignment.solve(cost);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.sqrt(cost[i][match[i]]));
        }
        return worst;
    }

    @TestFactory
    List<DynamicTest> eigenvaluesAndWassersteinMatchFloat64Reference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : SharedTestData.dsaCases()) {
            JsonNode c = e.getValue();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                DmdParams params = SharedTestData.dsaParams(c);
                HavokDmd.Fit x = HavokDmd.fit(SharedTestData.dsaArray(c.get("x").asText()), params);
                HavokDmd.Fit y = HavokDmd.fit(SharedTestData.dsaArray(c.get("y").asText()), params);
                double ex = maxMatchedDistance(EigenWasserstein.eigenvalues(x.a(), x.rank()), c.at("/dmd/A_eigs_x_float64"));
                double ey = maxMatchedDistance(EigenWasserstein.eigenvalues(y.a(), y.rank()), c.at("/dmd/A_eigs_y_float64"));
                assertTrue(ex < 1e-7 && ey < 1e-7, "eigenvalue mismatch x " + ex + ", y " + ey);
                double w = EigenWasserstein.score(x.a(), x.rank(), y.a(), y.rank());
                assertEquals(c.at("/wasserstein/float64").asDouble(), w, 1e-8, "wasserstein");
            }));
        }
        assertTrue(tests.size() >= 7);
        return tests;
    }
}
