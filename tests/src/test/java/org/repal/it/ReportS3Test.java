package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.core.report.ReportExpectations;
import org.repal.core.report.SyntheticRun;
import org.repal.core.store.ArtifactStore;
import org.repal.core.store.ArtifactStores;

/**
 * {@code repal report --run s3://…} on S3Proxy: the run is read and the report written through the S3 store, a
 * rebuild gives the same bytes, and a bucket that does not exist is bad input (exit 2) and is not created.
 */
class ReportS3Test {
    @TempDir
    Path tmp;

    @Test
    void theReportReadsAndWritesThroughS3() throws Exception {
        Map<String, String> env = S3ProxyServer.shared().storeEnv();
        Path local = tmp.resolve("run");
        SyntheticRun.write(local, 1, 1, 8);
        try (ArtifactStore from = ArtifactStores.open(local.toString());
             ArtifactStore to = ArtifactStores.open("s3://repal-report/run", env)) {
            for (String key : from.list("")) {
                to.put(key, from.get(key));
            }
        }
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(5));
        CliRunner.Result r = cli.run(env, "report", "--run", "s3://repal-report/run", "--resamples", "500",
                "--permutations", "200");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("s3://repal-report/run/report/index.html",
                new ObjectMapper().readTree(r.stdout()).get("report").asText());
        byte[] first;
        try (ArtifactStore s3 = ArtifactStores.open("s3://repal-report/run", env)) {
            first = s3.get("report/index.html");
            for (String fig : ReportExpectations.figures(SyntheticRun.TASKS)) {
                assertTrue(s3.exists("report/figures/" + fig + ".svg"), fig);
            }
            assertTrue(s3.exists("report/tables/levels.csv"));
        }
        CliRunner.Result again = cli.run(env, "report", "--run", "s3://repal-report/run");
        assertEquals(0, again.exitCode(), again.describe());
        try (ArtifactStore s3 = ArtifactStores.open("s3://repal-report/run", env)) {
            assertArrayEquals(first, s3.get("report/index.html"), "a rebuild on S3 gives the same page");
        }

        CliRunner.Result missing = cli.run(env, "report", "--run", "s3://no-such-bucket/run");
        assertEquals(2, missing.exitCode(), missing.describe());
        assertEquals(1, missing.stderrLines().size(), missing.describe());
        assertEquals("report: s3://no-such-bucket/run/data/manifest.json: missing: not a finished repal run (the "
                + "generate stage writes it last)", missing.stderrLines().get(0));
        S3ProxyServer server = S3ProxyServer.shared();
        io.minio.MinioClient client = io.minio.MinioClient.builder().endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey()).build();
        assertFalse(client.bucketExists(io.minio.BucketExistsArgs.builder().bucket("no-such-bucket").build()),
                "the report never creates a bucket");
        assertTrue(client.bucketExists(io.minio.BucketExistsArgs.builder().bucket("repal-report").build()));
    }
}
