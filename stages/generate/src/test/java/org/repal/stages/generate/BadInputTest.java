package org.repal.stages.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: exit 2, one line on stderr naming the option, nothing on stdout, nothing written. */
class BadInputTest {
    private static final Map<String, String> S3_UNREACHABLE = Map.of("REPAL_S3_ENDPOINT", "http://127.0.0.1:1",
            "REPAL_S3_ACCESS_KEY", "a", "REPAL_S3_SECRET_KEY", "b", "REPAL_S3_RETRIES", "0");

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of("--taskset", "Reaching"), Map.of(), "--taskset"),
                Arguments.of(List.of("--tasks", "ReachingDelayResponseT"), Map.of(), "--tasks"),
                Arguments.of(List.of("--tasks", "GoNogo"), Map.of(), "--tasks"),
                Arguments.of(List.of("--tasks", "PerceptualDecisionMaking,PerceptualDecisionMakingT"), Map.of(), "twice"),
                Arguments.of(List.of("--train-size", "0"), Map.of(), "--train-size"),
                Arguments.of(List.of("--test-size", "-3"), Map.of(), "--test-size"),
                Arguments.of(List.of("--train-size", "many"), Map.of(), "--train-size"),
                Arguments.of(List.of("--seq-len", "354"), Map.of(), "--seq-len"),
                Arguments.of(List.of("--val-fraction", "1"), Map.of(), "--val-fraction"),
                Arguments.of(List.of("--config", "CONFIG_MISSING"), Map.of(), "--config"),
                Arguments.of(List.of("--config", "CONFIG_UNKNOWN_FIELD"), Map.of(), "noise_sd"),
                Arguments.of(List.of("--config", "CONFIG_BAD_VALUE"), Map.of(), "coherences"),
                Arguments.of(List.of("--out", "UNDER_FILE"), Map.of(), "--out"),
                Arguments.of(List.of("--out", "ftp://host/data"), Map.of(), "--out"),
                Arguments.of(List.of("--out", "s3://bucket/prefix"), S3_UNREACHABLE, "--out s3://bucket/prefix"),
                Arguments.of(List.of("--out", "s3://bucket/prefix"), Map.of(), "credentials"),
                Arguments.of(List.of("--out"), Map.of(), "--out"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exitsWithTwoAndWritesNothing(List<String> override, Map<String, String> env, String mention) throws IOException {
        Path regular = Files.writeString(tmp.resolve("file.txt"), "x");
        Files.writeString(tmp.resolve("unknown.json"), "{\"noise_sd\": 0.1}");
        Files.writeString(tmp.resolve("bad.json"), "{\"coherences\": [150]}");
        List<String> before = GenerateRunner.entries(tmp);
        List<String> overrides = new ArrayList<>();
        for (String a : override) {
            overrides.add(a.replace("CONFIG_MISSING", tmp.resolve("missing.json").toString())
                    .replace("CONFIG_UNKNOWN_FIELD", tmp.resolve("unknown.json").toString())
                    .replace("CONFIG_BAD_VALUE", tmp.resolve("bad.json").toString())
                    .replace("UNDER_FILE", regular.resolve("sub").toString()));
        }
        String[] args = GenerateRunner.merge(List.of("--taskset", "PDM", "--train-size", "4", "--test-size", "2",
                "--no-progress", "--out", tmp.resolve("out").toString()), overrides);
        GenerateRunner.Result r = GenerateRunner.run(env, args);
        assertEquals(2, r.exitCode(), r.describe());
        assertEquals("", r.stdout(), r.describe());
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r.describe());
        assertTrue(lines.get(0).startsWith("generate: "), lines.get(0));
        assertTrue(lines.get(0).contains(mention), "message should mention " + mention + ": " + lines.get(0));
        assertEquals(before, GenerateRunner.entries(tmp), "nothing written");
    }
}
