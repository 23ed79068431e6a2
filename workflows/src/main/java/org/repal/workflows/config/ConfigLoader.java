package org.repal.workflows.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads experiment YAML. Every problem becomes an IllegalArgumentException of the form
 * {@code "<source>: <field.path>: <what is wrong>"}, the one line the CLI prints before exiting 2.
 */
public final class ConfigLoader {
    /** Profiles bundled as resources {@code profiles/<name>.yaml}. */
    public static final List<String> PROFILES = List.of("quick", "paper");

    // A key given twice would otherwise let the later one win silently.
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    private ConfigLoader() {
    }

    /** A bundled profile by name. */
    public static ExperimentConfig profile(String name) {
        if (!PROFILES.contains(name)) {
            throw new IllegalArgumentException("unknown profile '" + name + "' (known: " + String.join(", ", PROFILES) + ")");
        }
        try (InputStream in = ConfigLoader.class.getResourceAsStream("profiles/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("profile resource " + name + ".yaml missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read profile " + name, e);
        }
    }

    /** A config file; the error source is the file name as given. */
    public static ExperimentConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text (expected an experiment YAML file)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.getFileName().toString());
    }

    /** Parses and validates YAML text; {@code source} names it in errors. */
    public static ExperimentConfig parse(String text, String source) {
        ExperimentConfig c;
        try {
            c = YAML.readValue(text, ExperimentConfig.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(source + ": " + describe(e));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": invalid YAML: " + firstLine(e.getOriginalMessage())
                    + location(e));
        }
        if (c == null) {
            throw new IllegalArgumentException(source + ": empty document");
        }
        ConfigValidator.validate(c, source);
        return c;
    }

    private static String describe(JsonMappingException e) {
        String path = path(e);
        String prefix = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            return prefix + "unknown key (known: " + String.join(", ",
                    u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            return prefix + "expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return prefix + "expected " + typeName(m.getTargetType()) + location(e);
        }
        String message = firstLine(e.getOriginalMessage());
        // Number and syntax errors reach here with the field's path but without the expected form.
        if (message.startsWith("Malformed numeric value") || message.startsWith("Numeric value")) {
            return prefix + "expected a finite number in range (" + message + ")" + location(e);
        }
        if (message.startsWith("while ")) {
            return prefix + "invalid YAML: " + message + location(e);
        }
        return prefix + message + location(e);
    }

    /** Dotted path in YAML key spelling, list indices in brackets: {@code rnn.hidden[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> t) {
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "an integer";
        }
        if (t == Double.class || t == double.class) {
            return "a number";
        }
        if (t == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
