package org.repal.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Every chart type renders a decodable, non-blank PNG and a well-formed SVG of the same size, deterministically. */
class ChartRenderingTest {

    private static final Pattern ID = Pattern.compile("\\sid=['\"]([^'\"]*)['\"]");

    @BeforeAll
    static void headless() {
        Headless.ensure();
    }

    static Stream<Arguments> charts() {
        return SampleFigures.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void rendersValidPngAndSvg(String name, Supplier<Figure> render) throws Exception {
        Figure f = render.get();
        assertEquals(name, f.name());
        assertTrue(GraphicsEnvironment.isHeadless(), "AWT must run headless");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertNotNull(image, "PNG must decode");
        assertTrue(image.getWidth() >= 300 && image.getHeight() >= 300,
                "size " + image.getWidth() + "x" + image.getHeight());
        assertTrue(distinctColours(image) > 16, "the PNG must not be (nearly) one colour");

        Document svg = parseSvg(f.svg());
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(image.getWidth(), (int) Double.parseDouble(root.getAttribute("width")));
        assertEquals(image.getHeight(), (int) Double.parseDouble(root.getAttribute("height")));
        assertTrue(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text").getLength() > 0,
                "SVG must hold its labels as text");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void sameInputGivesIdenticalOutput(String name, Supplier<Figure> render) {
        Figure a = render.get();
        Figure b = render.get();
        assertArrayEquals(a.png(), b.png(), "PNG bytes differ between two renderings of " + name);
        assertEquals(a.svg(), b.svg(), "SVG text differs between two renderings of " + name);
        assertEquals(a, b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void svgIdsAreDerivedFromTheFigureName(String name, Supplier<Figure> render) {
        String svg = render.get().svg();
        Matcher m = ID.matcher(svg);
        Set<String> ids = new HashSet<>();
        while (m.find()) {
            assertTrue(m.group(1).startsWith(name + "-"), "id '" + m.group(1) + "' is not derived from " + name);
            assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
        }
        assertFalse(svg.contains("<!DOCTYPE"), "no DOCTYPE: parsing must not need a DTD");
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    static Document parseSvg(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new InputSource(new StringReader(svg)));
    }
}
