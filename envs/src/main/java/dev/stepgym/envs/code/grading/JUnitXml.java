package dev.stepgym.envs.code.grading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JUnit XML report (pytest's {@code --junitxml}, or any runner writing the same format):
 * every {@code <testcase>}, failed when it holds a {@code <failure>} or {@code <error>}, left out
 * when it holds {@code <skipped>} (pytest's skips and expected failures). A test listed twice (a
 * failed call and a failed teardown) counts once, failed if either entry failed.
 *
 * <p>The file is written by code under test, so it is read defensively: never through a link,
 * at most {@link #MAX_BYTES} bytes and {@link #MAX_CASES} cases, with DTDs and external entities
 * off. Anything wrong is a {@link Result} with a problem in words, never an exception.
 *
 * <pre>{@code
 * JUnitXml.Result r = JUnitXml.read(dir.resolve("junit.xml"));
 * if (r.counts() != null) { int ran = r.counts().ran(); } else { log(r.problem()); }
 * }</pre>
 */
public final class JUnitXml {
    /** Largest report read; a larger one is ignored (the summary line is used instead). */
    public static final long MAX_BYTES = 16L << 20;
    /** Most test cases read. */
    public static final int MAX_CASES = 200_000;

    /**
     * Either counts or the reason there are none.
     *
     * @param counts  the counts, or null
     * @param problem why the report could not be used (absent, a link, too large, malformed), or null
     */
    public record Result(TestCounts counts, String problem) {
        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }

    private JUnitXml() {
    }

    /** Reads the report at {@code file}; a missing file is a problem "no JUnit XML report was written". */
    public static Result read(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Result.problem("no JUnit XML report was written");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Result.problem("the JUnit XML report is not a regular file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                return Result.problem("the JUnit XML report is larger than " + MAX_BYTES + " bytes (" + size + ")");
            }
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                return parse(in);
            }
        } catch (IOException e) {
            return Result.problem("the JUnit XML report cannot be read: " + e.getMessage());
        }
    }

    /** Parses a report from a stream (at most {@link #MAX_BYTES} are read). */
    public static Result parse(InputStream raw) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        Map<String, Boolean> cases = new LinkedHashMap<>();
        XMLStreamReader xml = null;
        try (InputStream in = new BoundedInputStream(raw, MAX_BYTES)) {
            xml = factory.createXMLStreamReader(in);
            boolean sawRoot = false;
            String current = null;
            boolean failed = false;
            boolean skipped = false;
            int entries = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = xml.getLocalName();
                    if (!sawRoot) {
                        sawRoot = true;
                        if (!name.equals("testsuites") && !name.equals("testsuite")) {
                            return Result.problem("the JUnit XML report's root is <" + name + ">, not <testsuites> or <testsuite>");
                        }
                    }
                    if (name.equals("testcase")) {
                        if (++entries > MAX_CASES) {
                            return Result.problem("the JUnit XML report has more than " + MAX_CASES + " test cases");
                        }
                        String classname = xml.getAttributeValue(null, "classname");
                        String caseName = xml.getAttributeValue(null, "name");
                        current = TestIds.key(classname, caseName == null ? "" : caseName);
                        failed = false;
                        skipped = false;
                    } else if (current != null && (name.equals("failure") || name.equals("error"))) {
                        failed = true;
                    } else if (current != null && name.equals("skipped")) {
                        skipped = true;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("testcase") && current != null) {
                    if (failed) {
                        cases.put(current, false);
                    } else if (!skipped) {
                        cases.merge(current, true, Boolean::logicalAnd);
                    }
                    current = null;
                }
            }
            if (!sawRoot) {
                return Result.problem("the JUnit XML report is empty");
            }
        } catch (XMLStreamException | IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return Result.problem("the JUnit XML report is malformed: " + message);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the stream is closed with the input anyway
                }
            }
        }
        int failedCount = (int) cases.values().stream().filter(passed -> !passed).count();
        return new Result(new TestCounts(cases.size(), failedCount, TestCounts.Source.JUNIT_XML, cases), null);
    }

    /** Reads at most {@code limit} bytes, then fails, so a report cannot grow without bound while parsed. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("the report is longer than " + MAX_BYTES + " bytes");
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("the report is longer than " + MAX_BYTES + " bytes");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
