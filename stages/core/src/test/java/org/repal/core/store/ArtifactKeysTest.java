package org.repal.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"x", "runs/42/weights.npy", ".hidden", "a/..b/c..", "a b/c-d_e.f", "ü/ß"})
    void acceptsRelativeSlashPaths(String key) {
        assertEquals(key, ArtifactKeys.validate(key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "../x|'..' segment",
        "a/../../x|'..' segment",
        "a/..|'..' segment",
        "./x|'.' segment",
        "a/./b|'.' segment",
        "/etc/passwd|absolute",
        "a//b|empty segment",
        "a/|empty segment",
        "a\\b|backslash",
        "..\\x|backslash",
    })
    void rejectsKeysThatCouldEscapeOrBeAmbiguous(String key, String rule) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validate(key));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @Test
    void rejectsEmptyNullAndNul() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validate(""))
                .getMessage().contains("is empty"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validate(null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validate("a\0b"))
                .getMessage().contains("NUL"));
    }

    @Test
    void prefixesMayBeEmptyOrEndWithSlash() {
        assertEquals("", ArtifactKeys.validatePrefix(""));
        assertEquals("runs/", ArtifactKeys.validatePrefix("runs/"));
        assertEquals("runs/4", ArtifactKeys.validatePrefix("runs/4"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validatePrefix("/"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validatePrefix("../"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.validatePrefix("a//"));
    }
}
