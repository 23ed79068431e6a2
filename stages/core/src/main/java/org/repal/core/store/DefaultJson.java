package org.repal.core.store;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The mapper the JSON helpers of {@link ArtifactStore} use when none is given. */
final class DefaultJson {
    /**
     * Indented with '\n' line ends (not the platform's) and sorted map keys, so equal objects give
     * byte-identical, diffable artifacts on every machine.
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setDefaultPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private DefaultJson() {
    }
}
