package org.repal.it;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.repal.core.linalg.NumericsGate;
import org.repal.core.linalg.NumericsSelfCheck;

/**
 * Child-JVM entry of {@link KernelMatrixTest}: under whatever OPENBLAS_CORETYPE the parent set, runs the numerics
 * self-check and the numerical test classes (DSA/Procrustes/CKA parity with the reference, DMD eigenvalues,
 * invariances, the linear-algebra kernels, the vector-API product kernels, the float32 cells and their vector rows)
 * through the JUnit launcher, and prints one JSON object.
 */
public final class KernelSuite {

    static final String[] TEST_CLASSES = {
        "org.repal.core.linalg.NumericsSelfCheckTest",
        "org.repal.core.linalg.SmallMatricesTest",
        "org.repal.core.linalg.TopEigenTest",
        "org.repal.core.linalg.SymmetricProductTest",
        "org.repal.core.linalg.BlockKernelsTest",
        "org.repal.core.linalg.FloatProductTest",
        "org.repal.core.linalg.NativeBlasTest",
        "org.repal.core.metric.HankelGramEigenTest",
        "org.repal.core.metric.GramMomentsTest",
        "org.repal.core.metric.ParityTest",
        "org.repal.core.metric.DmdParityTest",
        "org.repal.core.metric.InvarianceTest",
        "org.repal.core.model.GradientCheckTest",
        "org.repal.core.model.Float32PathTest",
        "org.repal.core.model.LaneSplitTest",
        "org.repal.core.model.VectorGruRowTest",
        "org.repal.core.model.VectorRnnRowTest",
    };

    private KernelSuite() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        NumericsSelfCheck.Report report = NumericsGate.report();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : TEST_CLASSES) {
            request.selectors(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(built, listener);
        TestExecutionSummary summary = listener.getSummary();

        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("core", report.core());
        out.put("self_check_passed", report.passed());
        if (!report.passed()) {
            out.put("self_check_failure", NumericsGate.failureMessage(report));
        }
        out.put("tests_found", summary.getTestsFoundCount());
        out.put("tests_succeeded", summary.getTestsSucceededCount());
        out.put("tests_skipped", summary.getTestsSkippedCount() + summary.getTestsAbortedCount());
        out.put("tests_failed", summary.getTotalFailureCount());
        ArrayNode failures = out.putArray("failures");
        summary.getFailures().forEach(f -> failures.add(f.getTestIdentifier().getUniqueId() + ": "
                + String.valueOf(f.getException().getMessage()).replace('\n', ' ')));
        System.out.println(out);
        System.exit(report.passed() && summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
