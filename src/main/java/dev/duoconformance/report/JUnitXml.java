package dev.duoconformance.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The run as JUnit XML, for GitLab's test report: one test case per check, its class the section id and its name the
 * check's sentence (not a Java signature), a failure's text its remediation, a skipped check's message why it was not
 * checked. Written from the same results as the summary, so the texts are the ones already redacted and made inert.
 */
final class JUnitXml {
    private JUnitXml() {}

    static void write(Path file, String env, List<RunReport.Result> results) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "duo-conformance " + env);
                xml.writeAttribute("tests", String.valueOf(results.size()));
                xml.writeAttribute("failures", String.valueOf(count(results, Outcome.FAILED)));
                xml.writeAttribute("errors", String.valueOf(count(results, Outcome.BROKEN)));
                xml.writeAttribute(
                        "skipped",
                        String.valueOf(results.size()
                                - count(results, Outcome.PASSED)
                                - count(results, Outcome.FAILED)
                                - count(results, Outcome.BROKEN)));
                for (RunReport.Result result : results.stream()
                        .sorted(java.util.Comparator.comparing(RunReport.Result::section))
                        .toList()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", result.section());
                    xml.writeAttribute("name", "[" + result.section() + "] " + text(result.test()));
                    switch (result.outcome()) {
                        case PASSED -> {}
                        case FAILED -> element(xml, "failure", result);
                        case BROKEN -> element(xml, "error", result);
                        default -> {
                            xml.writeStartElement("skipped");
                            xml.writeAttribute("message", text(firstLine(result.message())));
                            xml.writeEndElement();
                        }
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, RunReport.Result result) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("message", text(firstLine(result.message())));
        xml.writeCharacters(text(String.valueOf(result.message())));
        xml.writeEndElement();
    }

    private static long count(List<RunReport.Result> results, Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** XML 1.0 has no place for most control characters, whatever escaping: they are dropped. */
    private static String text(String value) {
        return value == null ? "" : value.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }
}
