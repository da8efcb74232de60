package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.catalogue.FailureRenderer;
import dev.duoconformance.catalogue.Inert;
import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.config.Secret;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Redactor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The one output pipeline (redact the whole text → neutralise controls → inert → shorten): whatever a component
 * echoes, wherever a cut falls, in whatever encoding, no part of a secret and no terminal control reaches a writer.
 */
class OutputPipelineTest {
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789&<>\"'/+=%-_.~!";
    private static final String FILLER_ALPHABET = "abcdefghijklmnopqrstuvwxyz     ,.:\n";
    private static final int WINDOW = 6;
    private final Catalogue catalogue = Catalogue.load(Locale.ENGLISH);

    private static final Map<String, Function<String, String>> ENCODINGS = Map.of(
            "raw", s -> s,
            "url", s -> URLEncoder.encode(s, StandardCharsets.UTF_8),
            "json", s -> new String(JsonStringEncoder.getInstance().quoteAsString(s)),
            "html",
                    s -> s.replace("&", "&amp;")
                            .replace("<", "&lt;")
                            .replace(">", "&gt;")
                            .replace("\"", "&quot;")
                            .replace("'", "&#39;"),
            "base64", s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)),
            "base64url", s -> Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));

    private static String random(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Every writer's view of one failure: the rendered message (console, JUnit XML, Allure), a step and an attachment. */
    private List<String> written(Redactor redactor, Exchange exchange) {
        String rendered = new FailureRenderer(catalogue, redactor)
                .render(new Failure("vllm-404", "missing-v1", exchange.request(), "HTTP 200", exchange.outcome()));
        return List.of(
                rendered,
                Shown.message("But was " + exchange.outcome(), redactor),
                Shown.plain(exchange.outcome(), redactor));
    }

    @Test
    void noPartOfAnEchoedSecretSurvivesWhereverTheCutFallsAndWhateverTheEncoding() {
        Random random = new Random(22);
        List<String> leaks = new ArrayList<>();
        for (int run = 0; run < 1500; run++) {
            String secret = random(random, SECRET_ALPHABET, 8 + random.nextInt(40));
            Redactor redactor = new Redactor(List.of(Secret.of(secret)));
            String encoding =
                    List.copyOf(new java.util.TreeSet<>(ENCODINGS.keySet())).get(random.nextInt(ENCODINGS.size()));
            String echoed = ENCODINGS.get(encoding).apply(secret);
            // Around the 300-character cut most of the time: that is where a cut before the mask leaves part of it.
            int before = random.nextBoolean() ? 300 - random.nextInt(echoed.length() + 1) : random.nextInt(600);
            String body = "error: " + random(random, FILLER_ALPHABET, Math.max(0, before - 7)) + echoed
                    + random(random, FILLER_ALPHABET, random.nextInt(400));
            Exchange exchange = Exchange.answered("GET http://model:8000/v1/models", 500, Map.of(), body, "");

            for (String out : written(redactor, exchange)) {
                for (String form : List.of(echoed, Inert.text(echoed))) {
                    for (int i = 0; i + WINDOW <= form.length(); i++) {
                        if (out.contains(form.substring(i, i + WINDOW))) {
                            leaks.add(encoding + " secret " + secret + ": '" + form.substring(i, i + WINDOW) + "' in "
                                    + out);
                        }
                    }
                }
                assertThat(out.length()).isLessThan(5000);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void aCutNeverFallsInsideAMaskAndSaysHowLongTheTextWas() {
        String secret = "sk-cut-0123456789abcdef0123456789abcdef";
        Redactor redactor = new Redactor(List.of(Secret.of(secret)));
        String body = "x".repeat(295) + secret + "y".repeat(100);
        String shown = Shown.message(
                Exchange.answered("GET http://m/v1/models", 500, Map.of(), body, "")
                        .outcome(),
                redactor);

        assertThat(shown)
                .isEqualTo("HTTP 500 " + "x".repeat(295) + "… (" + (295 + Shown.MASK.length() + 100) + " characters)");
    }

    @Test
    void aSecretWithMarkupCharactersIsMaskedBeforeTheyAreMadeInert() {
        String secret = "p&ss<w>rd\"'0123";
        Redactor redactor = new Redactor(List.of(Secret.of(secret)));
        String rendered = new FailureRenderer(catalogue, redactor)
                .render(new Failure("vllm-404", "missing-v1", "endpoint", "…/v1", "the server said: " + secret));

        assertThat(rendered)
                .contains("But was:  the server said: [REDACTED]")
                .doesNotContain("ss‹w›rd")
                .doesNotContain("p＆ss");
    }

    @Test
    void terminalControlsAndBidiOverridesFromATargetAreNeutralisedInEveryWriter() {
        String hostile = "ok\u001b[2J\u001b]52;c;ZWNobyBoaQ==\u0007 \u202Efdp.exe\u202C done\u009b31m\bover";
        Redactor redactor = new Redactor(List.of());
        Exchange exchange = Exchange.answered("GET http://m/v1/models", 500, Map.of(), hostile, "");
        for (String out : written(redactor, exchange)) {
            assertThat(out.chars()
                            .filter(c -> (c < 0x20 && c != '\n' && c != '\t')
                                    || (c >= 0x7F && c <= 0x9F)
                                    || (c >= 0x202A && c <= 0x202E)
                                    || (c >= 0x2066 && c <= 0x2069)))
                    .isEmpty();
            assertThat(out).contains("ok␛[2J␛]52;c;ZWNobyBoaQ==␇ �fdp.exe� done�31m␈over");
        }
        assertThat(Shown.message("a\rb\r\nc", text -> text)).isEqualTo("a␍b\nc");
    }

    @Test
    void marksATargetSendsCannotShortenOrHideText() {
        String body = "before \uE000" + "1\uE001 hidden \uE002 after";
        String shown = Shown.message(
                Exchange.answered("GET http://m/", 500, Map.of(), body, "").outcome(), text -> text);
        assertThat(shown).isEqualTo("HTTP 500 before �1� hidden � after");
    }
}
