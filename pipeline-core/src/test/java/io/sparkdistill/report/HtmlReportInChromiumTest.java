package io.sparkdistill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkdistill.report.chart.Palette;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opens report.html in headless Chromium (Debian's {@code chromium} package), as a reader's browser would, and checks
 * that the charts are really drawn: the screenshot holds each model's colour and the confusion matrix's purple, and
 * the browser's DOM holds every chart element. A text task's report (qa) is opened the same way. The screenshots
 * stay in {@code target/report-in-chromium/} as artefacts ({@code report.png}, {@code text-report.png}). Without
 * Chromium the test is skipped, except in CI ({@code CI=true}), where it must run.
 */
@Tag("slow")
class HtmlReportInChromiumTest {
    private static final Path OUT = Path.of("target", "report-in-chromium").toAbsolutePath();
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 2400;
    /** The text report is longer: six charts, more tables and the worked examples. */
    private static final int TEXT_HEIGHT = 4400;
    private static Path chromium;
    private static Path page;
    private static Path textPage;

    @BeforeAll
    static void writeTheReport() throws IOException {
        chromium = onPath("chromium").orElse(null);
        Files.createDirectories(OUT);
        page = OUT.resolve("report.html");
        Files.writeString(page, HtmlReport.render(ReportFixture.summary(), ReportFixture.models(),
                ReportFixture.comparison(), ChangesSincePreviousRunTest.distilledAccuracyWas(0.89, 0.01)));
        textPage = OUT.resolve("text-report.html");
        Files.writeString(textPage, TextHtmlReportTest.page(TextChangesSincePreviousRunTest.distilledF1Was(69.5)));
    }

    /** Each test is reported as skipped, with the reason, when there is no browser (and fails in CI). */
    @BeforeEach
    void requireChromium() {
        if (chromium == null) {
            String message = "chromium is not installed (apt-get install -y chromium); report.html was not opened "
                    + "in a browser";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + ", and CI=true requires it");
            }
            Assumptions.abort(message);
        }
    }

    @Test
    void theScreenshotShowsEveryChartInItsColours() throws Exception {
        BufferedImage image = screenshotInTwoColumnsOfEveryColour(page, "report.png", HEIGHT);
        long purple = count(image, 0, WIDTH / 2, rgb -> red(rgb) > green(rgb) + 20 && blue(rgb) > green(rgb) + 50);
        assertTrue(purple > 5_000, "the confusion matrix's cells: " + purple + " purple pixels");
    }

    @Test
    void aTextTasksScreenshotShowsEveryChartInItsColours() throws Exception {
        screenshotInTwoColumnsOfEveryColour(textPage, "text-report.png", TEXT_HEIGHT);
    }

    /**
     * Takes a screenshot of {@code html} and checks that the charts, in two columns under the tables, use every
     * model's colour in each column.
     */
    private static BufferedImage screenshotInTwoColumnsOfEveryColour(Path html, String name, int height)
            throws Exception {
        Path screenshot = OUT.resolve(name);
        Files.deleteIfExists(screenshot);
        chromium(html, "--screenshot=" + screenshot, "--window-size=" + WIDTH + "," + height, "--hide-scrollbars");

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertEquals(height, image.getHeight());
        for (int[] column : new int[][]{{0, WIDTH / 2}, {WIDTH / 2, WIDTH}}) {
            for (String colour : List.of(Palette.TEACHER, Palette.BASELINE, Palette.DISTILLED)) {
                long pixels = count(image, column[0], column[1], rgb -> rgb == rgb(colour));
                assertTrue(pixels > 3_000, pixels + " pixels of " + colour + " in columns " + column[0] + ".."
                        + column[1] + ": a chart is missing or empty (see " + screenshot + ")");
            }
        }
        return image;
    }

    @Test
    void aTextTasksDomHoldsEveryChartElement() throws Exception {
        String dom = chromium(textPage, "--dump-dom");
        assertEquals(6, occurrences(dom, "<svg"), "six charts");
        assertEquals(6 + 4 + 9 + 9, occurrences(dom, "class=\"bar\""),
                "quality, agreement, latency per example and per token bars");
        assertEquals(3 + 8 + 7, occurrences(dom, "class=\"point"),
                "the three models on the retention chart, a point per epoch run on the validation curves");
        assertEquals(2, occurrences(dom, "<polyline"), "a validation curve per student");
        assertTrue(dom.contains("Regression since run previous-run: Distilled student F1"), "the regression banner");
        assertEquals(2, occurrences(dom, "<table class=\"texts\">"), "two worked examples");
    }

    @Test
    void theBrowsersDomHoldsEveryChartElement() throws Exception {
        String dom = chromium(page, "--dump-dom");
        assertEquals(5, occurrences(dom, "<svg"), "five charts");
        assertEquals(6 + 9, occurrences(dom, "class=\"bar\""), "quality and latency bars");
        assertEquals(9, occurrences(dom, "class=\"cell\""), "a 3 x 3 confusion matrix");
        assertEquals(2, occurrences(dom, "<polyline"), "a validation curve per student");
        assertTrue(dom.contains("Regression since run previous-run"), "the regression banner");
    }

    /** Runs Chromium headless on {@code html} with {@code options}; returns what it printed on stdout. */
    private static String chromium(Path html, String... options) throws Exception {
        Path profile = Files.createTempDirectory(OUT, "profile-");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + profile));
        command.addAll(List.of(options));
        command.add(html.toUri().toString());
        Path stderr = OUT.resolve("chromium-stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                fail("chromium did not finish within 120 s: " + command);
            }
            assertEquals(0, process.exitValue(), "chromium failed; its messages are in " + stderr);
            return new String(stdout, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
            deleteTree(profile);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }

    private interface PixelTest {
        boolean matches(int rgb);
    }

    private static long count(BufferedImage image, int fromX, int toX, PixelTest test) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                if (test.matches(image.getRGB(x, y) & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xff;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xff;
    }

    private static int blue(int rgb) {
        return rgb & 0xff;
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
